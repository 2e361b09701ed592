using System.CommandLine;
using CreativeGen.Ml.Common;
using Spectre.Console;

namespace CreativeGen.Client.Commands;

/// <summary>`creativegen doctor`: proves that .NET, TorchSharp and libtorch work on this machine.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Print runtime versions and run a tiny LSTM and convolution forward/backward pass.");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        try
        {
            var environment = TorchRuntime.Describe();
            var table = new Table().AddColumns("check", "result").HideHeaders().Border(TableBorder.Simple);
            table.AddRow(".NET", Markup.Escape(environment.DotNetVersion));
            table.AddRow("TorchSharp", Markup.Escape(environment.TorchSharpVersion));
            table.AddRow("libtorch", Markup.Escape(environment.LibTorchVersion));
            table.AddRow("torch threads", Markup.Escape($"{environment.TorchThreads} ({environment.TorchThreadsSource})"));
            var (samplingThreads, samplingSource) = TorchRuntime.ResolveThreads(Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable),
                1, Music.MusicCommand.SamplingThreadsReason, Environment.ProcessorCount);
            table.AddRow("torch threads, sampling", Markup.Escape($"{samplingThreads} ({samplingSource})"));
            table.AddRow("CUDA available", environment.CudaAvailable ? "yes" : "no");
            table.AddRow("device", Markup.Escape(environment.Device));
            table.AddRow("libstdc++ fix", Markup.Escape(environment.LibStdCxxFix));
            table.AddRow("convolutions", Markup.Escape(environment.ConvolutionBackends));
            AnsiConsole.Write(table);

            TorchRuntime.SelfCheck();
            AnsiConsole.MarkupLine("[green]OK[/]: LSTM and Conv2d forward and backward passes and an RMSprop step ran.");
            return 0;
        }
        catch (Exception error)
        {
            // TorchSharp reports a failed native load as a TypeInitializationException; show the root cause.
            var root = error;
            while (root.InnerException is not null) root = root.InnerException;
            AnsiConsole.MarkupLine($"[red]FAILED[/]: {Markup.Escape(root.GetType().Name)}: {Markup.Escape(root.Message)}");
            if (root is not TorchDeviceException)
                AnsiConsole.MarkupLine("Check that the build ran the LibTorchSharp patch step (see build/LibTorchSharpPatcher.cs).");
            return 1;
        }
    }
}
