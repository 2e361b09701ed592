namespace CreativeGen.Ml.Lyrics.Pronunciation;

/// <summary>
/// Pronunciations for any word: the dictionary's when it has the word, else a letter-to-sound guess. Answers the
/// questions lyrics ask: how many syllables, where the stress falls, and whether two words rhyme.
/// </summary>
public sealed class Lexicon(IReadOnlyDictionary<string, List<Pronunciation>> entries)
{
    public static Lexicon Load(string cmudictPath) => new(CmuDictionary.Load(cmudictPath));

    public IReadOnlyDictionary<string, List<Pronunciation>> Entries { get; } = entries;

    public bool Contains(string word) => Entries.ContainsKey(Normalize(word));

    /// <summary>All known ways to say the word (at least one: a guess when the dictionary lacks it).</summary>
    public IReadOnlyList<Pronunciation> All(string word)
    {
        var key = Normalize(word);
        return Entries.TryGetValue(key, out var list) ? list : [LetterToSound.Guess(key)];
    }

    /// <summary>The most common pronunciation (the dictionary's first), or a guess.</summary>
    public Pronunciation Primary(string word) => All(word)[0];

    public int Syllables(string word) => Primary(word).Syllables;

    /// <summary>
    /// True when some pronunciation of each shares its rhyme part with the other, and the words differ: a word does not
    /// rhyme with itself, nor with a word that only adds letters in front of the same sound ("stand"/"understand").
    /// </summary>
    public bool Rhymes(string first, string second)
    {
        var (a, b) = (Normalize(first), Normalize(second));
        if (a.Length == 0 || b.Length == 0 || a == b) return false;
        foreach (var x in All(a))
        foreach (var y in All(b))
        {
            if (x.RhymePart != y.RhymePart) continue;
            if (IsIdenticalRhyme(x, y)) continue;
            return true;
        }
        return false;
    }

    public static string Normalize(string word) => word.Trim().ToLowerInvariant();

    /// <summary>"Identical rhyme": the whole of one pronunciation ends the other, consonant before the vowel included.</summary>
    private static bool IsIdenticalRhyme(Pronunciation x, Pronunciation y)
    {
        var (shorter, longer) = x.Phones.Count <= y.Phones.Count ? (x, y) : (y, x);
        var offset = longer.Phones.Count - shorter.Phones.Count;
        for (var i = 0; i < shorter.Phones.Count; i++)
            if (Pronunciation.StripStress(shorter.Phones[i]) != Pronunciation.StripStress(longer.Phones[offset + i])) return false;
        return true;
    }
}
