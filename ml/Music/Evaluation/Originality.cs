using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>The longest run a generated piece shares with the training set, and where.</summary>
public sealed record SharedRun(int Length, int PieceLength, string? TrainingPiece);

/// <summary>
/// Finds, for a generated piece, the longest run of consecutive pitches (and of pitch+duration pairs) that
/// also occurs in some training piece. A model that copies its training data shows runs as long as the
/// piece. Sequences are the notes in onset order (simultaneous notes low to high); durations are binned by
/// <see cref="PieceFeatures.LengthBounds"/>. Index: every k-gram of the training sequences, matches
/// extended symbol by symbol; shorter runs are found with sets of 1..k-1-grams.
/// </summary>
public sealed class Originality
{
    private const int K = 4;
    private readonly int[] symbols;      // all training sequences, -1 between pieces
    private readonly int[] pieceOfIndex;
    private readonly string[] pieceNames;
    private readonly Dictionary<ulong, List<int>> kgrams = [];
    private readonly HashSet<ulong>[] shortGrams = [.. Enumerable.Range(0, K).Select(_ => new HashSet<ulong>())];

    private Originality(IReadOnlyList<(string Name, int[] Sequence)> training)
    {
        var all = new List<int>();
        var owners = new List<int>();
        pieceNames = [.. training.Select(t => t.Name)];
        for (var p = 0; p < training.Count; p++)
        {
            foreach (var s in training[p].Sequence) { all.Add(s); owners.Add(p); }
            all.Add(-1);
            owners.Add(p);
        }
        symbols = [.. all];
        pieceOfIndex = [.. owners];
        for (var i = 0; i < symbols.Length; i++)
        {
            for (var n = 1; n < K; n++)
                if (Hash(symbols, i, n) is { } h) shortGrams[n].Add(h);
            if (Hash(symbols, i, K) is { } key)
            {
                if (!kgrams.TryGetValue(key, out var list)) kgrams[key] = list = [];
                list.Add(i);
            }
        }
    }

    /// <summary>Index of the training pieces' pitch sequences.</summary>
    public static Originality ForPitches(IEnumerable<(string Name, IReadOnlyList<MidiNote> Notes)> training) =>
        new([.. training.Select(t => (t.Name, PitchSequence(t.Notes)))]);

    /// <summary>Index of the training pieces' (pitch, duration bin) sequences.</summary>
    public static Originality ForPitchDurations(IEnumerable<(string Name, IReadOnlyList<MidiNote> Notes)> training) =>
        new([.. training.Select(t => (t.Name, PitchDurationSequence(t.Notes)))]);

    public static int[] PitchSequence(IReadOnlyList<MidiNote> notes) =>
        [.. Ordered(notes).Select(n => n.Pitch)];

    public static int[] PitchDurationSequence(IReadOnlyList<MidiNote> notes) =>
        [.. Ordered(notes).Select(n => n.Pitch * 16 + DurationBin(n.DurationSeconds))];

    public SharedRun LongestSharedRun(int[] sequence)
    {
        var best = 0;
        string? where = null;
        for (var n = 1; n < K && n <= sequence.Length; n++)
        {
            var found = false;
            for (var i = 0; i + n <= sequence.Length && !found; i++)
                found = Hash(sequence, i, n) is { } h && shortGrams[n].Contains(h);
            if (!found) break;
            best = n;
        }
        if (best < K - 1) return new SharedRun(best, sequence.Length, null);
        for (var i = 0; i + K <= sequence.Length; i++)
        {
            if (Hash(sequence, i, K) is not { } key || !kgrams.TryGetValue(key, out var positions)) continue;
            foreach (var start in positions)
            {
                var length = 0;
                while (i + length < sequence.Length && start + length < symbols.Length && symbols[start + length] == sequence[i + length]) length++;
                if (length > best)
                {
                    best = length;
                    where = pieceNames[pieceOfIndex[start]];
                }
            }
        }
        return new SharedRun(best, sequence.Length, where);
    }

    private static IEnumerable<MidiNote> Ordered(IReadOnlyList<MidiNote> notes) =>
        notes.OrderBy(n => n.StartSeconds).ThenBy(n => n.Pitch);

    private static int DurationBin(double seconds)
    {
        var bin = Array.FindIndex(PieceFeatures.LengthBounds, bound => seconds < bound);
        return bin < 0 ? PieceFeatures.LengthBounds.Length : bin;
    }

    private static ulong? Hash(int[] values, int start, int length)
    {
        if (start + length > values.Length) return null;
        var h = 1469598103934665603UL;
        for (var i = start; i < start + length; i++)
        {
            if (values[i] < 0) return null;
            h = (h ^ (ulong)values[i]) * 1099511628211UL;
        }
        return h ^ (ulong)length;
    }
}
