using CreativeGen.Ml.Lyrics.Melody;
using NAudio.Midi;

namespace CreativeGen.Ml.Lyrics.Output;

/// <summary>
/// Adds the syllables to a MIDI file as lyric meta events (FF 05), one at each syllable's first note, on the
/// track that holds the melody (the track with the most note-ons matching the melody's notes). Text follows the
/// Recommended Practice for lyric events (RP-026): a syllable that ends a word is followed by a space, one that ends
/// a line by a carriage return, the last of a stanza by a line feed; syllables inside a word carry a hyphen.
/// Everything else in the file is kept.
/// </summary>
public static class LyricMidi
{
    public static byte[] AddLyrics(byte[] midi, IReadOnlyList<SungSyllable> syllables, int linesPerStanza)
    {
        var file = new MidiFile(new MemoryStream(midi), strictChecking: false);
        var ticksPerQuarter = file.DeltaTicksPerQuarterNote;
        var events = new MidiEventCollection(file.FileFormat == 0 ? 1 : file.FileFormat, ticksPerQuarter);
        for (var track = 0; track < file.Tracks; track++)
        {
            events.AddTrack();
            foreach (var e in file.Events[track])
                if (!MidiEvent.IsEndTrack(e)) events.AddEvent(e, track);
        }
        var melodyTrack = FindMelodyTrack(file, syllables, ticksPerQuarter);
        for (var i = 0; i < syllables.Count; i++)
        {
            var s = syllables[i];
            var lineEnd = i == syllables.Count - 1 || syllables[i + 1].Line != s.Line;
            var stanzaEnd = lineEnd && (i == syllables.Count - 1 || (s.Line + 1) % linesPerStanza == 0);
            var text = s.Text + (!s.EndsWord ? "-" : stanzaEnd ? "\n" : lineEnd ? "\r" : " ");
            events.AddEvent(new TextEvent(text, MetaEventType.Lyric, Tick(s.StartBeats, ticksPerQuarter)), melodyTrack);
        }
        events.PrepareForExport();
        using var output = new MemoryStream();
        MidiFile.Export(output, events);
        return output.ToArray();
    }

    /// <summary>Reads the lyric events back: (tick, text) per track that has any.</summary>
    public static IReadOnlyList<(int Track, long Tick, string Text)> ReadLyrics(byte[] midi)
    {
        var file = new MidiFile(new MemoryStream(midi), strictChecking: true);
        return Enumerable.Range(0, file.Tracks)
            .SelectMany(t => file.Events[t].OfType<TextEvent>().Where(e => e.MetaEventType == MetaEventType.Lyric).Select(e => (t, e.AbsoluteTime, e.Text)))
            .ToArray();
    }

    public static long Tick(double beats, int ticksPerQuarter) => (long)Math.Round(beats * ticksPerQuarter, MidpointRounding.AwayFromZero);

    private static int FindMelodyTrack(MidiFile file, IReadOnlyList<SungSyllable> syllables, int ticksPerQuarter)
    {
        var onsets = syllables.SelectMany(s => s.Notes).Select(n => (Tick(n.StartBeats, ticksPerQuarter), n.Pitch)).ToHashSet();
        var best = (Track: -1, Matches: -1);
        for (var track = 0; track < file.Tracks; track++)
        {
            var matches = file.Events[track].OfType<NoteOnEvent>().Count(e => e.Velocity > 0 && onsets.Contains((e.AbsoluteTime, e.NoteNumber)));
            if (matches > best.Matches) best = (track, matches);
        }
        return best.Matches > 0 ? best.Track : Math.Min(1, file.Tracks - 1);
    }
}
