using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>
/// How much of a piece repeats its own earlier material, bar by bar. Each bar (four quarter-note beats of score time)
/// gets two fingerprints: the set of pitch classes that start in it, and its rhythm (which sixteenth-note positions
/// hold an onset). A bar "recurs" when an earlier bar had the same fingerprint. Composed music states a motif and
/// brings it back; a model that wanders does not, so its shares fall below the real range.
/// </summary>
public static class RepetitionStructure
{
    public const double BeatsPerBar = 4;
    private const int PositionsPerBar = 16;

    /// <param name="PitchClassRecurrence">Share of non-empty bars (after the first) whose pitch-class set appeared before.</param>
    /// <param name="RhythmRecurrence">The same for the onset pattern.</param>
    /// <param name="BarRecurrence">The same for both together: the bar repeats an earlier one in harmony and rhythm.</param>
    public sealed record Measure(int Bars, double PitchClassRecurrence, double RhythmRecurrence, double BarRecurrence);

    /// <summary>Spread of a measure over a set of pieces: 10th percentile, median, 90th percentile.</summary>
    public sealed record Spread(double P10, double Median, double P90)
    {
        public bool Contains(double value) => value >= P10 && value <= P90;

        public override string ToString() => $"{Median:P0} ({P10:P0}–{P90:P0})";
    }

    /// <summary>Per-set summary: the spread of each share over the pieces.</summary>
    public sealed record SetSummary(int Pieces, Spread PitchClass, Spread Rhythm, Spread Bar);

    public static Measure Of(IReadOnlyList<MidiNote> notes)
    {
        var bars = new SortedDictionary<long, (int PitchClasses, int Rhythm)>();
        foreach (var note in notes)
        {
            var bar = (long)Math.Floor(note.StartBeats / BeatsPerBar);
            var position = (int)Math.Floor((note.StartBeats - bar * BeatsPerBar) / BeatsPerBar * PositionsPerBar);
            position = Math.Clamp(position, 0, PositionsPerBar - 1);
            bars.TryGetValue(bar, out var fingerprint);
            bars[bar] = (fingerprint.PitchClasses | 1 << (note.Pitch % 12), fingerprint.Rhythm | 1 << position);
        }
        var seenPitchClasses = new HashSet<int>();
        var seenRhythms = new HashSet<int>();
        var seenBars = new HashSet<(int, int)>();
        int pitchRepeats = 0, rhythmRepeats = 0, barRepeats = 0, counted = 0;
        foreach (var fingerprint in bars.Values)
        {
            if (seenBars.Count > 0)
            {
                counted++;
                if (seenPitchClasses.Contains(fingerprint.PitchClasses)) pitchRepeats++;
                if (seenRhythms.Contains(fingerprint.Rhythm)) rhythmRepeats++;
                if (seenBars.Contains(fingerprint)) barRepeats++;
            }
            seenPitchClasses.Add(fingerprint.PitchClasses);
            seenRhythms.Add(fingerprint.Rhythm);
            seenBars.Add(fingerprint);
        }
        double Share(int repeats) => counted == 0 ? 0 : repeats / (double)counted;
        return new Measure(bars.Count, Share(pitchRepeats), Share(rhythmRepeats), Share(barRepeats));
    }

    public static SetSummary Summarize(IEnumerable<IReadOnlyList<MidiNote>> pieces)
    {
        var measures = pieces.Select(Of).Where(m => m.Bars >= 2).ToList();
        if (measures.Count == 0) throw new ArgumentException("No piece spans two bars or more.", nameof(pieces));
        return new SetSummary(measures.Count,
            SpreadOf(measures.Select(m => m.PitchClassRecurrence)),
            SpreadOf(measures.Select(m => m.RhythmRecurrence)),
            SpreadOf(measures.Select(m => m.BarRecurrence)));
    }

    private static Spread SpreadOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double quantile) => sorted[(int)Math.Round(quantile * (sorted.Length - 1))];
        return new Spread(At(0.1), At(0.5), At(0.9));
    }
}
