using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>
/// Per-piece musical features after Yang &amp; Lerch (2020), computed from notes in seconds so that they do
/// not depend on the tokenization: pitch-class histogram, pitch range, number of used pitches, polyphony
/// (notes sounding at each onset), note-length histogram and mean inter-onset interval.
/// </summary>
public sealed record PieceFeatures(double[] PitchClassHistogram, double PitchRange, double UsedPitches, double Polyphony, double[] NoteLengthHistogram, double InterOnsetInterval)
{
    /// <summary>Upper bounds (seconds) of the note-length bins; the last bin is open.</summary>
    public static readonly double[] LengthBounds = [0.0625, 0.125, 0.25, 0.5, 1.0, 2.0];

    public static readonly string[] Names = ["pitch-class histogram", "pitch range", "used pitches", "polyphony", "note-length histogram", "inter-onset interval"];

    public static PieceFeatures Of(IReadOnlyList<MidiNote> notes)
    {
        if (notes.Count == 0) return new PieceFeatures(new double[12], 0, 0, 0, new double[LengthBounds.Length + 1], 0);
        var pitchClasses = new double[12];
        var lengths = new double[LengthBounds.Length + 1];
        foreach (var note in notes)
        {
            pitchClasses[note.Pitch % 12] += 1.0 / notes.Count;
            var bin = Array.FindIndex(LengthBounds, bound => note.DurationSeconds < bound);
            lengths[bin < 0 ? LengthBounds.Length : bin] += 1.0 / notes.Count;
        }
        var onsets = notes.Select(n => Math.Round(n.StartSeconds, 2)).Distinct().Order().ToArray();
        var sorted = notes.OrderBy(n => n.StartSeconds).ToArray();
        // Sweep the onsets: notes join when they start, leave when they end.
        double polyphony = 0;
        var next = 0;
        var active = new List<MidiNote>();
        foreach (var onset in onsets)
        {
            while (next < sorted.Length && sorted[next].StartSeconds <= onset + 0.005) active.Add(sorted[next++]);
            active.RemoveAll(n => n.EndSeconds <= onset);
            polyphony += active.Count;
        }
        var ioi = onsets.Length > 1 ? (onsets[^1] - onsets[0]) / (onsets.Length - 1) : 0;
        return new PieceFeatures(pitchClasses, notes.Max(n => n.Pitch) - notes.Min(n => n.Pitch),
            notes.Select(n => n.Pitch).Distinct().Count(), polyphony / onsets.Length, lengths, ioi);
    }

    /// <summary>The features as vectors, in <see cref="Names"/> order.</summary>
    public double[][] Vectors() => [PitchClassHistogram, [PitchRange], [UsedPitches], [Polyphony], NoteLengthHistogram, [InterOnsetInterval]];
}
