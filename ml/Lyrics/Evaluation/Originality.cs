using CreativeGen.Ml.Lyrics.Corpus;

namespace CreativeGen.Ml.Lyrics.Evaluation;

/// <summary>
/// Copying check: every run of <see cref="RunLength"/> consecutive words in the training poems (across line breaks
/// within a stanza) is indexed; lyrics are original when none of their own runs (also across lines) is in it.
/// </summary>
public sealed class LyricOriginality
{
    public const int RunLength = 8;
    private readonly HashSet<string> runs = new(StringComparer.Ordinal);

    public LyricOriginality(IEnumerable<Stanza> corpus)
    {
        foreach (var stanza in corpus) AddRuns(stanza.Lines.SelectMany(LyricWords.Split).ToArray(), runs);
    }

    public int IndexedRuns => runs.Count;

    /// <summary>The runs of the lyrics found in the corpus (empty: original).</summary>
    public IReadOnlyList<string> CopiedRuns(IEnumerable<IReadOnlyList<string>> lines)
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        AddRuns(lines.SelectMany(l => l).ToArray(), own);
        return own.Where(runs.Contains).Order(StringComparer.Ordinal).ToArray();
    }

    private static void AddRuns(string[] words, HashSet<string> into)
    {
        for (var i = 0; i + RunLength <= words.Length; i++) into.Add(string.Join(' ', words, i, RunLength));
    }
}
