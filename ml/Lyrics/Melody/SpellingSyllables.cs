namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>
/// Splits a written word into a given number of pieces for display under notes ("riv" "er"): cuts go between vowel
/// groups, inside the consonants between them (one consonant joins the next syllable, more are shared). A silent
/// final e does not open a syllable. When the spelling has too few vowel groups, letters are shared out evenly.
/// </summary>
public static class SpellingSyllables
{
    public static IReadOnlyList<string> Split(string word, int syllables)
    {
        if (syllables <= 1 || word.Length < syllables) return syllables <= 1 ? [word] : Even(word, syllables);
        var groups = new List<(int Start, int End)>();
        for (var i = 0; i < word.Length;)
        {
            if (!IsVowel(word, i)) { i++; continue; }
            var start = i;
            while (i < word.Length && IsVowel(word, i)) i++;
            groups.Add((start, i));
        }
        if (groups.Count > 1 && groups[^1].Start == word.Length - 1 && word[^1] == 'e') groups.RemoveAt(groups.Count - 1);
        while (groups.Count > syllables) { groups[^2] = (groups[^2].Start, groups[^1].End); groups.RemoveAt(groups.Count - 1); }
        if (groups.Count < syllables) return Even(word, syllables);
        var pieces = new List<string>();
        var from = 0;
        for (var k = 0; k < groups.Count - 1; k++)
        {
            var consonants = groups[k + 1].Start - groups[k].End;
            var cut = consonants <= 1 ? groups[k].End : groups[k].End + consonants / 2;
            pieces.Add(word[from..cut]);
            from = cut;
        }
        pieces.Add(word[from..]);
        return pieces;
    }

    private static bool IsVowel(string word, int i) => "aeiou".Contains(word[i]) || (word[i] == 'y' && i > 0);

    private static IReadOnlyList<string> Even(string word, int pieces) =>
        Enumerable.Range(0, pieces).Select(k => word[(k * word.Length / pieces)..((k + 1) * word.Length / pieces)]).Select(p => p.Length == 0 ? "-" : p).ToArray();
}
