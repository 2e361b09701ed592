namespace CreativeGen.Ml.Lyrics.Writing;

/// <summary>One written line: its words in order, the syllables of each, and whether the rhyme had to be given up.</summary>
public sealed record WrittenLine(IReadOnlyList<string> Words, IReadOnlyList<int> WordSyllables, int RhymeGroup, bool Relaxed)
{
    public string Text => string.Join(' ', Words);

    public int Syllables => WordSyllables.Sum();
}

/// <summary>A song's words, line by line, with the model version and request that made them.</summary>
public sealed record WrittenLyrics(IReadOnlyList<WrittenLine> Lines, string ModelVersion, string Scheme, string? Theme, long Seed)
{
    /// <summary>Plain text: a capital at each line start, a blank line between stanzas.</summary>
    public string ToText()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Lines.Count; i++)
        {
            if (i > 0 && i % Scheme.Length == 0) text.Append('\n');
            var line = Lines[i].Text;
            text.Append(char.ToUpperInvariant(line[0])).Append(line.AsSpan(1)).Append('\n');
        }
        return text.ToString();
    }
}
