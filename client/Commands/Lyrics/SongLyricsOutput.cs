using CreativeGen.Ml.Common;
using CreativeGen.Ml.Lyrics.Songs;
using CreativeGen.Ml.Lyrics.Writing;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Lyrics;

/// <summary>The files `music generate --lyrics` writes beside the MIDI: song.lrc, song.txt, and with --wav the vocal stem.</summary>
internal static class SongLyricsOutput
{
    private static LyricModel? model;
    private static LyricWriter? writer;

    /// <summary>Adds words to the piece and writes the .lrc and .txt next to <paramref name="midiPath"/>; the caller writes the MIDI.</summary>
    public static LyricSong Write(byte[] midi, string midiPath, LyricOptions options)
    {
        model ??= LyricModel.LoadDefault();
        writer ??= new LyricWriter(model);
        var song = SongLyrics.Add(midi, writer, options, Path.GetFileNameWithoutExtension(midiPath));
        AtomicFile.WriteAllText(Path.ChangeExtension(midiPath, ".lrc"), song.Lrc);
        AtomicFile.WriteAllText(Path.ChangeExtension(midiPath, ".txt"), song.Text);
        AnsiConsole.MarkupLine($"lyrics ({Markup.Escape(options.Scheme)}{(options.Theme is null ? "" : ", theme " + Markup.Escape(options.Theme))}, lyric model {model.Version}):");
        AnsiConsole.WriteLine(song.Text);
        return song;
    }

    /// <summary>Sings the words over <paramref name="accompaniment"/>; writes the vocal stem beside the WAV and returns the mix.</summary>
    public static byte[] Sing(LyricSong song, string wavPath, byte[] accompaniment)
    {
        var (stem, mix) = SongLyrics.Sing(song, model!, accompaniment);
        var stemPath = Path.ChangeExtension(wavPath, ".vocals.wav");
        AtomicFile.WriteAllBytes(stemPath, stem);
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(stemPath)} (vocal stem)");
        return mix;
    }
}
