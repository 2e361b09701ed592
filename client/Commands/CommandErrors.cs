using CreativeGen.Ml.Music.Midi;
using Spectre.Console;

namespace CreativeGen.Client.Commands;

/// <summary>Turns expected failures (bad files, bad arguments) into one red line and exit code 1 instead of a stack trace.</summary>
internal static class CommandErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidDataException or InvalidOperationException
            or UnauthorizedAccessException or MidiFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/]: {error.Message}");
            return 1;
        }
    }
}
