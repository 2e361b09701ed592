using System.CommandLine;
using CreativeGen.Ml.Common;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music …`: train, generate, evaluate and benchmark the music models.</summary>
public static class MusicCommand
{
    public static Command Create()
    {
        var command = new Command("music", "Music Factory: LSTM models over MIDI tokens.");
        command.Subcommands.Add(MusicTrainCommand.Create());
        command.Subcommands.Add(MusicGenerateCommand.Create());
        command.Subcommands.Add(MusicEvalCommand.Create());
        command.Subcommands.Add(MusicSpeedCommand.Create());
        command.Subcommands.Add(MusicExportCommand.Create());
        command.Subcommands.Add(MusicPopEvalCommand.Create());
        return command;
    }

    /// <summary>
    /// Torch set-up for token-by-token sampling: one intra-op thread unless CREATIVEGEN_TORCH_THREADS says
    /// otherwise. Small per-step matrix products only lose from threading (measured: 2 threads were several
    /// times slower than 1 on the shared 2-core machine).
    /// </summary>
    public static void InitializeTorchForSampling() => TorchRuntime.Initialize(defaultThreads: 1, defaultReason: SamplingThreadsReason);

    public const string SamplingThreadsReason = "1 for token-by-token sampling: music generate, eval and speed";
}
