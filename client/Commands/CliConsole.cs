using Spectre.Console;

namespace CreativeGen.Client.Commands;

/// <summary>How the command line writes to its console.</summary>
public static class CliConsole
{
    /// <summary>Columns assumed when standard output is a file or a pipe.</summary>
    public const int RedirectedWidth = 1000;

    /// <summary>
    /// Spectre.Console assumes 80 columns when output is redirected, and so wrapped tables and long paths in logs
    /// and pipes (`| grep`, `> log`); there a line is kept whole instead. A terminal keeps its own width.
    /// </summary>
    public static void Configure(IAnsiConsole console, bool outputRedirected)
    {
        if (outputRedirected) console.Profile.Width = RedirectedWidth;
    }
}
