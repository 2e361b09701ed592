using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Pronunciation;
using CreativeGen.Ml.Lyrics.Writing;

namespace CreativeGen.Ml.Lyrics.Evaluation;

/// <summary>A share with its counts, e.g. 57 of 60 rhyme pairs.</summary>
public sealed record Share(int Hits, int Total)
{
    public double Value => Total == 0 ? double.NaN : (double)Hits / Total;

    public static Share operator +(Share a, Share b) => new(a.Hits + b.Hits, a.Total + b.Total);

    public override string ToString() => $"{Value:P1} ({Hits}/{Total})";
}

/// <summary>
/// Measures lyrics against what they were asked for, by an independent reading of the words with the full
/// CMU dictionary (not the model's own tables):
/// <list type="bullet">
/// <item>rhyme: each line paired with the nearest earlier line of its rhyme group; the pair rhymes by <see cref="Lexicon.Rhymes"/>;</item>
/// <item>syllables: the line's dictionary syllable count equals the count its phrase asked for;</item>
/// <item>stress: the primary-stressed syllables of words of two or more syllables fall on strong beats (monosyllables
/// are left out: in English verse they take either beat, and the dictionary marks function words stressed).</item>
/// </list>
/// </summary>
public static class LyricMetrics
{
    public static Share RhymedPairs(IReadOnlyList<IReadOnlyList<string>> lines, IReadOnlyList<int> groups, Lexicon lexicon)
    {
        var (hits, total) = (0, 0);
        for (var j = 1; j < lines.Count; j++)
            for (var i = j - 1; i >= 0; i--)
                if (groups[i] == groups[j])
                {
                    total++;
                    if (lines[i].Count > 0 && lines[j].Count > 0 && lexicon.Rhymes(lines[i][^1], lines[j][^1])) hits++;
                    break;
                }
        return new Share(hits, total);
    }

    public static Share ExactSyllables(IReadOnlyList<IReadOnlyList<string>> lines, IReadOnlyList<LineConstraint> constraints, Lexicon lexicon) =>
        new(lines.Select((line, i) => line.Sum(lexicon.Syllables) == constraints[i].Syllables).Count(ok => ok), lines.Count);

    /// <summary>Stressed syllables (see the class remarks) on strong beats; lines whose count differs from the constraint are skipped.</summary>
    public static Share StressOnStrongBeats(IReadOnlyList<IReadOnlyList<string>> lines, IReadOnlyList<LineConstraint> constraints, Lexicon lexicon)
    {
        var (hits, total) = (0, 0);
        for (var l = 0; l < lines.Count; l++)
        {
            var strong = constraints[l].Strong;
            if (lines[l].Sum(lexicon.Syllables) != strong.Count) continue;
            var position = 0;
            foreach (var word in lines[l])
            {
                var stresses = lexicon.Primary(word).Stresses;
                if (stresses.Count > 1)
                    for (var k = 0; k < stresses.Count; k++)
                        if (stresses[k] == 1)
                        {
                            total++;
                            if (strong[position + k]) hits++;
                        }
                position += stresses.Count;
            }
        }
        return new Share(hits, total);
    }

    /// <summary>
    /// The same stress figure for real verse: every validation line with exactly a constraint's syllable count is set
    /// to that constraint's beats, as if a poet's line were sung to the phrase.
    /// </summary>
    public static Share RealVerseStress(IEnumerable<Stanza> poems, IReadOnlyList<LineConstraint> constraints, Lexicon lexicon, int maxLinesPerConstraint = 200)
    {
        var bySyllables = poems.SelectMany(s => s.Lines).Select(LyricWords.Split).Where(w => w.Count > 0)
            .GroupBy(w => w.Sum(lexicon.Syllables)).ToDictionary(g => g.Key, g => g.Take(maxLinesPerConstraint).ToList());
        var share = new Share(0, 0);
        foreach (var constraint in constraints)
            if (bySyllables.TryGetValue(constraint.Syllables, out var verse))
                share += StressOnStrongBeats(verse, Enumerable.Repeat(constraint, verse.Count).ToArray(), lexicon);
        return share;
    }
}
