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
        TorchRuntime.SelfCheck();
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
