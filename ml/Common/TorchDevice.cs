using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Common;

/// <summary>A device that was asked for and cannot be used; the message names the setting and the way out.</summary>
public sealed class TorchDeviceException(string message) : InvalidOperationException(message);

/// <summary>
/// The one place that decides where tensors live. CREATIVEGEN_DEVICE picks it: <c>cpu</c> (the default),
/// <c>cuda</c> or <c>cuda:N</c>, the latter only in a build made with <c>-p:TorchBackend=cuda</c> on a machine with a
/// GPU. Every model is moved here after it is built or loaded (<see cref="Place{T}(T)"/>) and every input tensor is
/// created on the CPU and moved here (<see cref="Place(Tensor)"/>): seeded draws come from CPU generators, so a seed
/// gives the same numbers on any device. Host-side readers (pixels, the C# LSTM stepper) copy back with
/// <see cref="ToHost"/>.
/// </summary>
public static class TorchDevice
{
    public const string Variable = "CREATIVEGEN_DEVICE";

    /// <summary>True when this build links libtorch with CUDA (TorchSharp-cuda-linux).</summary>
    public static bool CudaBuild { get; } =
#if CREATIVEGEN_CUDA
        true;
#else
        false;
#endif

    public static string Backend => CudaBuild ? "cuda" : "cpu";

    /// <summary>Where models and tensors live in this process; CPU until <see cref="Configure"/> chooses otherwise.</summary>
    public static Device Current { get; private set; } = CPU;

    /// <summary>For `doctor`, /v1/models and logs: e.g. "cpu" or "cuda:0".</summary>
    public static string Name => Describe(Current);

    /// <summary>Resolves and applies the requested device (null or empty: cpu). Throws <see cref="TorchDeviceException"/> at start-up.</summary>
    public static void Configure(string? requested) => Current = Resolve(requested, CudaBuild, CudaDeviceCount);

    /// <summary>
    /// The device named by <paramref name="requested"/>: <c>cpu</c>, <c>cuda</c> (GPU 0) or <c>cuda:N</c>.
    /// <paramref name="cudaDevices"/> is asked only when CUDA is requested in a CUDA build.
    /// </summary>
    public static Device Resolve(string? requested, bool cudaBuild, Func<int> cudaDevices)
    {
        var name = string.IsNullOrWhiteSpace(requested) ? "cpu" : requested.Trim().ToLowerInvariant();
        if (name == "cpu") return CPU;
        if (!TryParseCuda(name, out var index))
            throw new TorchDeviceException($"{Variable}='{requested}' is not a device: use cpu, cuda or cuda:N.");
        if (!cudaBuild)
            throw new TorchDeviceException(
                $"{Variable}='{requested}' asks for a GPU, but this build links the CPU-only libtorch (TorchSharp-cpu). " +
                "Rebuild with -p:TorchBackend=cuda (the CUDA image), or set cpu.");
        var count = cudaDevices();
        if (count == 0)
            throw new TorchDeviceException(
                $"{Variable}='{requested}' asks for a GPU, but libtorch sees none (torch.cuda.is_available() is false): " +
                "check the NVIDIA driver and that the pod requests nvidia.com/gpu, or set cpu.");
        if (index >= count)
            throw new TorchDeviceException($"{Variable}='{requested}': there are only {count} GPU(s) (cuda:0..cuda:{count - 1}).");
        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>Moves a freshly built or loaded module to <see cref="Current"/> (a no-op on the CPU).</summary>
    public static T Place<T>(T module) where T : nn.Module
    {
        if (Current.type != DeviceType.CPU) module.to(Current);
        return module;
    }

    /// <summary>A tensor built on the CPU (inputs, seeded draws) on <see cref="Current"/>; the same tensor on the CPU.</summary>
    public static Tensor Place(Tensor tensor) => SameDevice(tensor, Current) ? tensor : tensor.to(Current);

    /// <summary>The tensor on the CPU, for code that reads its values in C#; the same tensor when it is there already.</summary>
    public static Tensor ToHost(Tensor tensor) => tensor.device_type == DeviceType.CPU ? tensor : tensor.cpu();

    public static string Describe(Device device) =>
        device.type == DeviceType.CPU ? "cpu" : $"{device.type.ToString().ToLowerInvariant()}:{Math.Max(0, device.index)}";

    private static bool SameDevice(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == DeviceType.CPU || tensor.device_index == Math.Max(0, device.index));

    private static bool TryParseCuda(string name, out int index)
    {
        index = 0;
        if (name == "cuda") return true;
        return name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out index) && index >= 0;
    }

    private static int CudaDeviceCount() => torch.cuda.is_available() ? torch.cuda.device_count() : 0;
}
