using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>One note of a melody, in score time (quarter-note beats) and in seconds.</summary>
public sealed record MelodyNote(int Pitch, double StartBeats, double EndBeats, double StartSeconds, double EndSeconds)
{
    public double Beats => EndBeats - StartBeats;

    public static MelodyNote From(MidiNote note) => new(note.Pitch, note.StartBeats, note.EndBeats, note.StartSeconds, note.EndSeconds);
}

/// <summary>Where a melody comes from: a melody track as it is, or the top line of a polyphonic piece.</summary>
public static class MelodyLine
{
    /// <summary>Notes starting together (within this many beats) form one onset.</summary>
    private const double ChordTolerance = 1.0 / 16;

    /// <summary>
    /// The "skyline": at each onset the highest note, cut off where the next melody note starts, so the line is
    /// monophonic. Onsets whose top note is lower than a melody note still sounding are skipped (inner voices).
    /// </summary>
    public static IReadOnlyList<MelodyNote> TopLine(IEnumerable<MidiNote> notes)
    {
        var ordered = notes.OrderBy(n => n.StartBeats).ThenByDescending(n => n.Pitch).ToList();
        var line = new List<MelodyNote>();
        for (var i = 0; i < ordered.Count;)
        {
            var top = ordered[i];
            var j = i;
            while (j < ordered.Count && ordered[j].StartBeats - top.StartBeats <= ChordTolerance) j++;
            i = j;
            if (line.Count > 0 && line[^1].EndBeats > top.StartBeats + ChordTolerance && line[^1].Pitch > top.Pitch) continue;
            if (line.Count > 0 && line[^1].EndBeats > top.StartBeats)
                line[^1] = line[^1] with { EndBeats = top.StartBeats, EndSeconds = top.StartSeconds };
            line.Add(MelodyNote.From(top));
        }
        return line.Where(n => n.EndBeats > n.StartBeats).ToList();
    }

    /// <summary>The notes of one track taken as the melody (e.g. a MELODY track), made monophonic the same way.</summary>
    public static IReadOnlyList<MelodyNote> FromTrack(IEnumerable<MidiNote> notes, int track) => TopLine(notes.Where(n => n.Track == track));
}
