namespace CreativeGen.Ml.Lyrics.Writing;

/// <summary>
/// What one lyric line must be: one entry per syllable, true where the syllable falls on a strong beat (there a
/// stressed syllable belongs; on a weak beat, an unstressed one). The count is exact: a melody phrase gives it.
/// </summary>
public sealed record LineConstraint(IReadOnlyList<bool> Strong)
{
    public const int MaxSyllables = 16;

    public int Syllables => Strong.Count;

    /// <summary>A line in a regular meter, e.g. iambic (weak-strong) with <paramref name="strongFirst"/> false.</summary>
    public static LineConstraint Alternating(int syllables, bool strongFirst) =>
        new(Enumerable.Range(0, syllables).Select(i => (i % 2 == 0) == strongFirst).ToArray());

    public LineConstraint Validate()
    {
        if (Strong.Count is < 1 or > MaxSyllables)
            throw new ArgumentOutOfRangeException(nameof(Strong), Strong.Count, $"a line has 1..{MaxSyllables} syllables");
        return this;
    }

    public override string ToString() => new(Strong.Select(s => s ? '/' : 'x').ToArray());
}

/// <summary>
/// A request for a stanza (or several, when the scheme repeats): one constraint per line, a rhyme scheme cycled over
/// the lines (abab for 8 lines is abab cdcd), optional theme words, and the seed that makes the words reproducible.
/// </summary>
public sealed record LyricRequest(IReadOnlyList<LineConstraint> Lines, string Scheme = "abab", string? Theme = null, long Seed = 0)
{
    public static readonly string[] Schemes = ["abab", "aabb", "abcb", "abba"];

    public LyricRequest Validate()
    {
        if (Lines.Count == 0) throw new ArgumentException("at least one line", nameof(Lines));
        foreach (var line in Lines) line.Validate();
        if (Scheme.Length is < 1 or > 8 || !Scheme.All(char.IsAsciiLetterLower))
            throw new ArgumentException($"scheme '{Scheme}' must be 1-8 lower-case letters such as {string.Join(", ", Schemes)}", nameof(Scheme));
        if (Theme is { } theme && (theme.Length is 0 or > 40 || !theme.All(char.IsAsciiLetter)))
            throw new ArgumentException($"theme '{theme}' must be one word of letters (e.g. sea, mountain, forest, glacier)", nameof(Theme));
        return this;
    }

    /// <summary>The rhyme label of every line: the scheme cycled, later stanzas using fresh letters.</summary>
    public IReadOnlyList<int> RhymeGroups()
    {
        var letters = Scheme.Distinct().ToList();
        return Enumerable.Range(0, Lines.Count)
            .Select(i => (i / Scheme.Length) * letters.Count + letters.IndexOf(Scheme[i % Scheme.Length]))
            .ToArray();
    }
}
