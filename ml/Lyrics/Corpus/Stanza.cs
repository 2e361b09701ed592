namespace CreativeGen.Ml.Lyrics.Corpus;

/// <summary>
/// One stanza of a poem: its verse lines and its rhyme scheme, one label per line (lines with the same label
/// rhyme). <paramref name="File"/> and <paramref name="LineNumber"/> say where it starts, for error messages.
/// </summary>
public sealed record Stanza(string Poet, string Title, IReadOnlyList<char> Scheme, IReadOnlyList<string> Lines, string File, int LineNumber)
{
    /// <summary>Index pairs (earlier, later) of lines the scheme says rhyme, each later line paired with the nearest earlier one.</summary>
    public IEnumerable<(int First, int Second)> RhymePairs() => SchemePairs(Scheme);

    public static IEnumerable<(int First, int Second)> SchemePairs(IReadOnlyList<char> scheme)
    {
        for (var j = 1; j < scheme.Count; j++)
            for (var i = j - 1; i >= 0; i--)
                if (scheme[i] == scheme[j])
                {
                    yield return (i, j);
                    break;
                }
    }
}

/// <summary>What reading a corpus kept and dropped, and why (counts), so a data stage reports its losses.</summary>
public sealed record CorpusReport(int Files, int Poems, int Stanzas, int Lines, int DroppedSchemeMismatch, int DroppedEmptyStanzas, int UnannotatedLines)
{
    public override string ToString() =>
        $"{Files} files, {Poems} poems, {Stanzas} stanzas, {Lines} lines; dropped {DroppedSchemeMismatch} stanzas whose line count differs from their scheme, {DroppedEmptyStanzas} empty, {UnannotatedLines} verse lines without a RHYME scheme";
}

/// <summary>A poem file that breaks the corpus format; the message names the file and the line (an IOException: the file is bad).</summary>
public sealed class PoemFormatException(string file, int line, string problem) : IOException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
