using System.CommandLine;

namespace CreativeGen.Client.Commands.Lyrics;

/// <summary>`creativegen lyrics …`: train the lyric model and write stanzas under rhyme and meter constraints.</summary>
public static class LyricsCommand
{
    public static Command Create()
    {
        var command = new Command("lyrics", "Lyrics: a word LSTM trained on rhymed poetry, written to fit a melody.");
        command.Subcommands.Add(LyricsTrainCommand.Create());
        command.Subcommands.Add(LyricsBenchCommand.Create());
        return command;
    }
}
