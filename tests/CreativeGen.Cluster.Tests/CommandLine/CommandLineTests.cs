using System.Diagnostics;

namespace CreativeGen.Cluster.Tests.CommandLine;

/// <summary>The built `creativegen` as a user runs it: from their own directory, its output going to a file or a pipe.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory workingDirectory = TestSupport.TempDirectory();

    public void Dispose() => workingDirectory.Dispose();

    [Fact]
    public async Task MusicGenerate_RelativeOut_LandsWhereTheCommandRunsAndTheWholeAbsolutePathIsPrintedOnOneLine()
    {
        const string name = "a-piece-whose-name-is-long-enough-to-pass-eighty-columns-with-its-folder.mid";

        var (exitCode, output) = await RunAsync(new Dictionary<string, string?>(), "music", "generate", "--out", name, "--length-seconds", "1", "--seed", "3");

        Assert.Equal(0, exitCode);
        var written = Path.Combine(workingDirectory.Path, name);
        Assert.True(File.Exists(written), output);
        Assert.Contains($"wrote {written}: ", output.Split('\n').First(line => line.StartsWith("wrote ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MusicSpeed_ReportsItsTorchThreadsAndWhy()
    {
        var (exitCode, output) = await RunAsync(new Dictionary<string, string?> { ["CREATIVEGEN_TORCH_THREADS"] = null },
            "music", "speed", "--streams", "1", "--length-seconds", "1", "--repeats", "1");

        Assert.Equal(0, exitCode);
        Assert.Contains("torch threads: 1 (1 for token-by-token sampling: music generate, eval and speed; CREATIVEGEN_TORCH_THREADS overrides)", output);
    }

    [Fact]
    public async Task Doctor_ReportsTheDevice_AndRefusesCudaOnACpuBuildWithAClearError()
    {
        var (cpuExit, cpuOutput) = await RunAsync(new Dictionary<string, string?> { ["CREATIVEGEN_DEVICE"] = "cpu" }, "doctor");
        var (cudaExit, cudaOutput) = await RunAsync(new Dictionary<string, string?> { ["CREATIVEGEN_DEVICE"] = "cuda" }, "doctor");

        Assert.Equal(0, cpuExit);
        Assert.Matches(@"device\s+cpu \(libtorch build: cpu", cpuOutput);
        Assert.Equal(1, cudaExit);
        Assert.Contains("CREATIVEGEN_DEVICE='cuda' asks for a GPU", cudaOutput);
        Assert.Contains("-p:TorchBackend=cuda", cudaOutput);
        Assert.DoesNotContain("   at ", cudaOutput); // a message, not a stack trace
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "creativegen.exe" : "creativegen"))
        {
            WorkingDirectory = workingDirectory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
