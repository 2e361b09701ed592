using CreativeGen.Build;
using CreativeGen.Ml.Common;

namespace CreativeGen.Ml.Tests.Common;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void FirstTorchCall_Succeeds_AndSelfCheckTrainsAStep()
    {
        var environment = TorchRuntime.Describe();

        Assert.StartsWith("2.", environment.LibTorchVersion);
        Assert.True(environment.TorchThreads >= 1);
        Assert.NotEqual("not initialized", environment.TorchThreadsSource);
        TorchRuntime.SelfCheck();
    }

    [Theory]
    [InlineData("3", 1, 16, 3, "CREATIVEGEN_TORCH_THREADS=3")]
    [InlineData(null, 1, 16, 1, "sampling; CREATIVEGEN_TORCH_THREADS overrides")]
    [InlineData("", null, 16, 16, "all 16 cores; CREATIVEGEN_TORCH_THREADS overrides")]
    [InlineData("-2", null, 2, 2, "all 2 cores; CREATIVEGEN_TORCH_THREADS overrides")]
    public void ResolveThreads_VariableThenCommandDefaultThenAllCores_SaysWhich(string? configured, int? commandDefault, int cores,
        int expectedThreads, string expectedSource)
    {
        var (threads, source) = TorchRuntime.ResolveThreads(configured, commandDefault, "sampling", cores);

        Assert.Equal(expectedThreads, threads);
        Assert.Equal(expectedSource, source);
    }

    [SkippableFact]
    public void BuildOutput_LibTorchSharp_IsPatched_WhenHostLibStdCxxIsOld()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && LibTorchSharpPatcher.HostNeedsPatch(),
            "host libstdc++ already has GLIBCXX_3.4.32; no patch is applied");

        var libraries = LibTorchSharpPatcher.FindLibraries(AppContext.BaseDirectory).ToList();

        Assert.NotEmpty(libraries);
        Assert.All(libraries, library => Assert.Equal(PatchOutcome.AlreadyWeak, LibTorchSharpPatcher.Inspect(library)));
    }
}
