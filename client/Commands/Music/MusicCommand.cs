using System.CommandLine;

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
        return command;
    }

    /// <summary>Runs a command body, turning expected failures into a one-line error and exit code 1.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            Spectre.Console.AnsiConsole.MarkupLine($"[red]error[/]: {Spectre.Console.Markup.Escape(error.Message)}");
            return 1;
        }
    }
}
