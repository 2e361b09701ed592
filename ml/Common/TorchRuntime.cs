using System.Runtime.InteropServices;
using CreativeGen.Build;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Common;

/// <summary>What the process runs on: versions, threads, device, the libstdc++ fix and the convolution back ends.</summary>
public sealed record TorchEnvironment(
    string DotNetVersion,
    string TorchSharpVersion,
    string LibTorchVersion,
    int TorchThreads,
    bool CudaAvailable,
    string Device,
    string LibStdCxxFix,
    string TorchThreadsSource,
    string ConvolutionBackends);

/// <summary>Process-wide torch set-up and a self-check that libtorch really computes.</summary>
public static class TorchRuntime
{
    public const string ThreadsVariable = "CREATIVEGEN_TORCH_THREADS";

    private static readonly Lock InitLock = new();
    private static bool initialized;

    /// <summary>Why the process has the torch threads it has, e.g. "all 16 cores" (printed next to the count).</summary>
    public static string ThreadsSource { get; private set; } = "not initialized";

    /// <summary>
    /// Call before the first torch operation. Chooses the device (<see cref="TorchDevice"/>, CREATIVEGEN_DEVICE) and sets the intra-op thread count once per process:
    /// CREATIVEGEN_TORCH_THREADS when set, else <paramref name="defaultThreads"/> (a command's own default, for
    /// <paramref name="defaultReason"/>), else the core count.
    /// </summary>
    public static void Initialize(int? defaultThreads = null, string? defaultReason = null)
    {
        lock (InitLock)
        {
            if (initialized) return;
            var (threads, source) = ResolveThreads(Environment.GetEnvironmentVariable(ThreadsVariable), defaultThreads, defaultReason, Environment.ProcessorCount);
            TorchDevice.Configure(Environment.GetEnvironmentVariable(TorchDevice.Variable)); // throws for a device that is not there
            torch.set_num_threads(threads);
            ThreadsSource = source;
            LibTorchBackends.Configure();
            initialized = true;
        }
    }

    /// <summary>The thread count and its reason: a positive <paramref name="configured"/> value wins, then the command's default, then all cores.</summary>
    public static (int Threads, string Source) ResolveThreads(string? configured, int? defaultThreads, string? defaultReason, int cores) =>
        int.TryParse(configured, out var value) && value > 0 ? (value, $"{ThreadsVariable}={value}")
        : defaultThreads is { } threads ? (Math.Max(1, threads), $"{defaultReason ?? "this command's default"}; {ThreadsVariable} overrides")
        : (Math.Max(1, cores), $"all {cores} cores; {ThreadsVariable} overrides");

    public static TorchEnvironment Describe()
    {
        Initialize();
        return new TorchEnvironment(
            RuntimeInformation.FrameworkDescription,
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            torch.__version__,
            torch.get_num_threads(),
            TorchDevice.CudaBuild && torch.cuda.is_available(),
            $"{TorchDevice.Name} (libtorch build: {TorchDevice.Backend}; {TorchDevice.Variable} chooses)",
            DescribeLibStdCxxFix(),
            ThreadsSource,
            LibTorchBackends.State);
    }

    /// <summary>
    /// Runs a forward and backward pass through an LSTM and a convolution and one optimizer step, on the configured device.
    /// Throws with a message naming the failing stage if libtorch misbehaves.
    /// </summary>
    public static void SelfCheck()
    {
        Initialize();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);

        using var lstm = TorchDevice.Place(nn.LSTM(8, 16, numLayers: 2, batchFirst: true));
        var sequence = TorchDevice.Place(torch.randn(4, 10, 8));
        var (output, _, _) = lstm.forward(sequence);
        EnsureShape("LSTM forward", output, 4, 10, 16);
        output.sum().backward();
        EnsureFiniteGradients("LSTM backward", lstm);

        using var conv = TorchDevice.Place(nn.Conv2d(3, 8, 3, padding: 1));
        var image = TorchDevice.Place(torch.randn(2, 3, 16, 16));
        var features = conv.forward(image);
        EnsureShape("Conv2d forward", features, 2, 8, 16, 16);
        var loss = features.pow(2).mean();
        loss.backward();
        EnsureFiniteGradients("Conv2d backward", conv);

        var before = conv.weight!.detach().clone();
        using var optimizer = torch.optim.RMSProp(conv.parameters(), lr: 0.01);
        optimizer.step();
        if (conv.weight!.detach().allclose(before))
            throw new InvalidOperationException("RMSprop step: the weights did not change.");
    }

    private static void EnsureShape(string stage, Tensor tensor, params long[] expected)
    {
        if (!tensor.shape.SequenceEqual(expected))
            throw new InvalidOperationException(
                $"{stage}: expected shape [{string.Join(", ", expected)}], got [{string.Join(", ", tensor.shape)}].");
    }

    private static void EnsureFiniteGradients(string stage, nn.Module module)
    {
        foreach (var parameter in module.parameters())
        {
            var grad = parameter.grad ?? throw new InvalidOperationException($"{stage}: a parameter got no gradient.");
            if (!grad.isfinite().all().item<bool>())
                throw new InvalidOperationException($"{stage}: a gradient is not finite.");
        }
    }

    private static string DescribeLibStdCxxFix()
    {
        if (!OperatingSystem.IsLinux()) return "not applicable (not Linux)";
        if (!LibTorchSharpPatcher.HostNeedsPatch())
            return $"not needed (host libstdc++ has {LibTorchSharpPatcher.MissingVersion})";
        var states = LibTorchSharpPatcher.FindLibraries(AppContext.BaseDirectory)
            .Select(path => $"{Path.GetRelativePath(AppContext.BaseDirectory, path)}: {LibTorchSharpPatcher.Inspect(path)}")
            .ToList();
        return states.Count == 0
            ? "needed, but no libLibTorchSharp.so found next to the application"
            : $"applied ({string.Join("; ", states)})";
    }
}
