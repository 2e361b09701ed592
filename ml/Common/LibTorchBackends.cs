using System.Runtime.InteropServices;

namespace CreativeGen.Ml.Common;

/// <summary>
/// Keeps libtorch's convolutions correct and repeatable. oneDNN 3.7.1, as bundled with TorchSharp 0.107 (libtorch
/// 2.10), computes garbage in its AVX2 and AVX-512 JIT backward-data convolution when the output has fewer channels
/// than a vector block (e.g. 16 input channels, 1 or 4 output channels, 4x4 input): the input gradient held NaN or
/// wrong numbers depending on what memory it reused. A generator's toRGB layer (3 output channels) is such a shape, so
/// landscape training diverged within 2-44 steps and resumed runs differed from uninterrupted ones (seen on an AMD
/// EPYC with AVX-512; the kernels are the same on Intel). Its AVX kernels are right but, with 2 threads, not
/// repeatable for some shapes (a discriminator with a minibatch-deviation channel: 6 of 8 identical runs differed).
/// Its SSE4.1 kernels were right and repeatable, so oneDNN is capped there (ONEDNN_MAX_CPU_ISA, set in the native
/// environment before oneDNN first reads it). A 64 px GAN step took 2.3 CPU s there, 1.5 at AVX, 0.8 with the faulty
/// AVX-512 kernels and 4.9 with ATen's own im2col convolutions (one thread, bench/RESULTS.md).
/// A user's own ONEDNN_MAX_CPU_ISA is respected. NNPACK is turned off: libtorch tries it first for some shapes and
/// warns on every call on CPUs it does not support. TorchSharp exposes no switch for either back end, so they are
/// libtorch's exported C++ functions: at::globalContext() and members taking the context as first argument.
/// </summary>
public static class LibTorchBackends
{
    private const string IsaVariable = "ONEDNN_MAX_CPU_ISA";
    private const string CorrectIsa = "SSE41";

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int NativeSetEnvironment(string name, string value, int overwrite);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte IsEnabled(IntPtr context);

    private static IntPtr library;
    private static IntPtr context;

    /// <summary>What <see cref="Configure"/> left in place, for `doctor`.</summary>
    public static string State { get; private set; } = "not configured";

    /// <summary>Call before the first convolution: after libtorch is loaded, before oneDNN reads its ISA limit.</summary>
    public static void Configure()
    {
        if (!OperatingSystem.IsLinux())
        {
            State = "oneDNN left as libtorch sets it (the fix is implemented for Linux only)";
            return;
        }
        var ownIsa = Environment.GetEnvironmentVariable(IsaVariable);
        if (ownIsa is null) NativeSetEnvironment(IsaVariable, CorrectIsa, overwrite: 0);
        var path = LoadedLibTorchCpu();
        if (path is null)
        {
            State = "libtorch_cpu.so not found among the loaded libraries; NNPACK left on";
            return;
        }
        library = NativeLibrary.Load(path);
        context = Function<GlobalContext>("_ZN2at13globalContextEv")();
        Function<SetEnabled>("_ZN2at7Context20setUserEnabledNNPACKEb")(context, false);
        State = $"oneDNN limited to {ownIsa ?? CorrectIsa}{(ownIsa is null ? "" : " (the user's " + IsaVariable + ")")}, NNPACK off";
    }

    /// <summary>Turns oneDNN on or off from now on (tests compare its results with ATen's own kernels).</summary>
    public static void UseOneDnn(bool enabled)
    {
        if (context == IntPtr.Zero) throw new InvalidOperationException("libtorch's context was not found; call TorchRuntime.Initialize first (Linux only).");
        Function<SetEnabled>("_ZN2at7Context20setUserEnabledMkldnnEb")(context, enabled);
    }

    private static T Function<T>(string symbol) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, symbol));

    /// <summary>The path of the libtorch_cpu.so this process loaded (TorchSharp picks it; dlopen of it is a no-op).</summary>
    private static string? LoadedLibTorchCpu() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/libtorch_cpu.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault();
}
