using System.Runtime.InteropServices;

namespace CreativeGen.Ml.Common;

/// <summary>
/// Turns libtorch's oneDNN (mkldnn) and NNPACK convolution back ends off, process-wide, so convolutions run on
/// ATen's own im2col + BLAS path. Why: oneDNN 3.7.1, as bundled with TorchSharp 0.107 (libtorch 2.10), computes
/// garbage in its JIT backward-data convolution for some small shapes (e.g. 16 input channels, 1 or 4 output
/// channels, 4x4 input, 1x1 output) with its AVX2 and AVX-512 kernels: the input gradient holds NaN or not depending
/// on what memory it reuses, so GAN training diverged within 2-44 steps and resumed runs differed from uninterrupted
/// ones (seen on an AMD EPYC with AVX-512; with ONEDNN_MAX_CPU_ISA=AVX or SSE41 the same shapes were right).
/// NNPACK is off too, since without oneDNN libtorch tries it first and it warns on every call where the CPU lacks it.
/// CREATIVEGEN_ONEDNN=1 keeps oneDNN on (for measurements). TorchSharp exposes neither switch, so they are called
/// as libtorch's exported C++ functions: at::globalContext() and two members taking the context as first argument.
/// </summary>
public static class LibTorchBackends
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte IsEnabled(IntPtr context);

    /// <summary>What <see cref="Configure"/> left in place, for `doctor`.</summary>
    public static string State { get; private set; } = "not configured";

    /// <summary>Call once libtorch is loaded (after the first torch call).</summary>
    public static void Configure()
    {
        var keepOneDnn = Environment.GetEnvironmentVariable("CREATIVEGEN_ONEDNN") == "1";
        if (!OperatingSystem.IsLinux())
        {
            State = "oneDNN left as libtorch sets it (switch implemented for Linux only)";
            return;
        }
        var library = LoadedLibTorchCpu();
        if (library is null)
        {
            State = "libtorch_cpu.so not found among the loaded libraries; oneDNN left on";
            return;
        }
        var handle = NativeLibrary.Load(library);
        var context = Function<GlobalContext>(handle, "_ZN2at13globalContextEv")();
        if (!keepOneDnn) Function<SetEnabled>(handle, "_ZN2at7Context20setUserEnabledMkldnnEb")(context, false);
        Function<SetEnabled>(handle, "_ZN2at7Context20setUserEnabledNNPACKEb")(context, false);
        var oneDnnOn = Function<IsEnabled>(handle, "_ZNK2at7Context17userEnabledMkldnnEv")(context) != 0;
        State = oneDnnOn ? "oneDNN on (CREATIVEGEN_ONEDNN=1), NNPACK off" : "oneDNN and NNPACK off: ATen's own convolutions";
    }

    private static T Function<T>(IntPtr library, string symbol) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, symbol));

    /// <summary>The path of the libtorch_cpu.so this process loaded (TorchSharp picks it; dlopen of it is a no-op).</summary>
    private static string? LoadedLibTorchCpu() =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].EndsWith("/libtorch_cpu.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault();
}
