using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Output;
using CreativeGen.Ml.Lyrics.Singing;
using CreativeGen.Ml.Lyrics.Writing;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Lyrics.Songs;

/// <summary>What a song's words are made from: the rhyme scheme, an optional theme, and the seed.</summary>
public sealed record LyricOptions(string Scheme = "abab", string? Theme = null, long Seed = 0, int? MelodyTrack = null);

/// <summary>A piece with words: the MIDI with lyric events, the words as LRC and plain text, and every syllable on its notes.</summary>
public sealed record LyricSong(byte[] Midi, SungSong Song, string Lrc, string Text);

/// <summary>
/// Puts words to a MIDI piece: the melody is the given track (e.g. a MELODY track) or else the top line; its
/// phrases get lines, the syllables become lyric events on the melody's track, and LRC and text are written too.
/// <see cref="Sing"/> then gives the vocal stem and the mix with the accompaniment.
/// </summary>
public static class SongLyrics
{
    public static LyricSong Add(byte[] midi, LyricWriter writer, LyricOptions options, string title = "CreativeGen song")
    {
        var piece = MidiReader.Read(midi, title);
        var melody = options.MelodyTrack is { } track ? MelodyLine.FromTrack(piece.Notes, track) : MelodyLine.TopLine(piece.Notes);
        var meter = piece.TimeSignatures.Count > 0 ? piece.TimeSignatures[0] : new TimeSignature(0, 4, 4);
        var beatsPerBar = meter.Numerator * 4.0 / meter.Denominator;
        var song = LyricSetter.Set(writer, melody, options.Scheme, options.Theme, options.Seed, beatsPerBar);
        var withLyrics = LyricMidi.AddLyrics(midi, song.Syllables, options.Scheme.Length);
        return new LyricSong(withLyrics, song, LrcWriter.Write(song.Syllables, title), song.Lyrics.ToText());
    }

    /// <summary>The vocal stem (16 kHz mono WAV) and the song: the voice mixed into <paramref name="accompanimentWav"/>.</summary>
    public static (byte[] VocalStem, byte[] Mix) Sing(LyricSong song, LyricModel model, byte[] accompanimentWav)
    {
        var voice = FestivalSinger.Sing(song.Song.Syllables, model.Lexicon);
        var backing = WavAudio.Read(accompanimentWav, "accompaniment");
        return (WavAudio.Write(voice), WavAudio.Write(WavAudio.Mix(backing, voice)));
    }
}
