namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>A run of melody notes that one lyric line is sung to.</summary>
public sealed record MelodyPhrase(IReadOnlyList<MelodyNote> Notes)
{
    public double StartSeconds => Notes[0].StartSeconds;

    public double EndSeconds => Notes[^1].EndSeconds;
}

/// <summary>
/// Cuts a melody into phrases where a singer would breathe: at a rest (a gap of at least
/// <see cref="RestBeats"/>), after a long note (at least <see cref="LongNoteBeats"/>), and, when a phrase is still
/// longer than <see cref="MaxNotes"/>, at the bar line nearest its middle. Phrases shorter than
/// <see cref="MinNotes"/> are joined to the next one (or the previous, at the end), so each makes a real line.
/// </summary>
public static class PhraseFinder
{
    public const double RestBeats = 0.5;
    public const double LongNoteBeats = 2.0;
    public const int MinNotes = 4;
    public const int MaxNotes = 12;

    public static IReadOnlyList<MelodyPhrase> Find(IReadOnlyList<MelodyNote> melody, double beatsPerBar = 4)
    {
        if (!(beatsPerBar > 0)) throw new ArgumentOutOfRangeException(nameof(beatsPerBar), beatsPerBar, "a bar has a positive number of beats");
        var runs = new List<List<MelodyNote>>();
        var current = new List<MelodyNote>();
        for (var i = 0; i < melody.Count; i++)
        {
            current.Add(melody[i]);
            var last = i == melody.Count - 1;
            var rest = !last && melody[i + 1].StartBeats - melody[i].EndBeats >= RestBeats;
            var longNote = melody[i].Beats >= LongNoteBeats;
            if (last || rest || longNote)
            {
                runs.Add(current);
                current = [];
            }
        }
        var split = runs.SelectMany(run => SplitAtBars(run, beatsPerBar)).ToList();
        return MergeShort(split).Select(notes => new MelodyPhrase(notes)).ToList();
    }

    private static IEnumerable<List<MelodyNote>> SplitAtBars(List<MelodyNote> run, double beatsPerBar)
    {
        if (run.Count <= MaxNotes)
        {
            yield return run;
            yield break;
        }
        // Candidate cut points: notes that start a bar (or, failing that, half a bar); the one nearest the middle wins.
        var middle = run.Count / 2;
        int Cut(double unit) => Enumerable.Range(1, run.Count - 1)
            .Where(i => IsOnGrid(run[i].StartBeats, unit))
            .OrderBy(i => Math.Abs(i - middle)).ThenBy(i => i).DefaultIfEmpty(-1).First();
        var cut = Cut(beatsPerBar);
        if (cut < 0 || cut < MinNotes || run.Count - cut < MinNotes) cut = Cut(beatsPerBar / 2);
        if (cut < 0 || cut < 2 || run.Count - cut < 2) cut = middle;
        foreach (var part in SplitAtBars(run[..cut], beatsPerBar)) yield return part;
        foreach (var part in SplitAtBars(run[cut..], beatsPerBar)) yield return part;
    }

    private static List<List<MelodyNote>> MergeShort(List<List<MelodyNote>> phrases)
    {
        var merged = new List<List<MelodyNote>>();
        foreach (var phrase in phrases)
        {
            if (merged.Count > 0 && merged[^1].Count < MinNotes && merged[^1].Count + phrase.Count <= MaxNotes + MinNotes)
                merged[^1] = [.. merged[^1], .. phrase];
            else merged.Add(phrase);
        }
        if (merged.Count > 1 && merged[^1].Count < MinNotes)
        {
            merged[^2] = [.. merged[^2], .. merged[^1]];
            merged.RemoveAt(merged.Count - 1);
        }
        return merged;
    }

    internal static bool IsOnGrid(double beats, double unit)
    {
        var position = beats / unit;
        return Math.Abs(position - Math.Round(position)) < 1e-3;
    }
}
