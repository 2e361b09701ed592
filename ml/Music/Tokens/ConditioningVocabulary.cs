namespace CreativeGen.Ml.Music.Tokens;

/// <summary>
/// The leading conditioning tokens: one for the source corpus, one for the composer, one for the tempo
/// bucket. Each list has an "unknown" entry at index 0, so any label maps to a token.
/// </summary>
public sealed class ConditioningVocabulary
{
    /// <summary>Upper bounds (bpm, exclusive) of the tempo buckets; the last bucket is open.</summary>
    public static readonly double[] TempoBucketBounds = [60, 80, 100, 120, 140, 170];

    public ConditioningVocabulary(IEnumerable<string> corpora, IEnumerable<string> composers)
    {
        Corpora = [.. corpora.Distinct().Order(StringComparer.Ordinal)];
        Composers = [.. composers.Distinct().Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Corpora { get; }

    public IReadOnlyList<string> Composers { get; }

    public static int TempoBuckets => TempoBucketBounds.Length + 1;

    /// <summary>Number of tokens: corpora, composers and tempo buckets, each list with its unknown entry.</summary>
    public int Size => Corpora.Count + 1 + Composers.Count + 1 + TempoBuckets;

    public int PrefixLength => 3;

    /// <summary>Token ids relative to the first conditioning id.</summary>
    public int[] Encode(MusicConditioning conditioning) =>
    [
        IndexOf(Corpora, conditioning.Corpus),
        Corpora.Count + 1 + IndexOf(Composers, conditioning.Composer),
        Corpora.Count + 1 + Composers.Count + 1 + TempoBucket(conditioning.Bpm),
    ];

    public bool KnowsComposer(string composer) => Composers.Contains(composer, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical spelling of a composer label, or null when unknown.</summary>
    public string? FindComposer(string? composer) =>
        composer is null ? null : Composers.FirstOrDefault(c => string.Equals(c, composer, StringComparison.OrdinalIgnoreCase));

    public static int TempoBucket(double? bpm)
    {
        if (bpm is not { } value) return 3; // 100–120 bpm: the commonest
        var bucket = Array.FindIndex(TempoBucketBounds, bound => value < bound);
        return bucket < 0 ? TempoBucketBounds.Length : bucket;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string? label)
    {
        if (label is null) return 0;
        for (var i = 0; i < labels.Count; i++)
            if (string.Equals(labels[i], label, StringComparison.OrdinalIgnoreCase)) return i + 1;
        return 0;
    }
}
