namespace CreativeGen.Ml.Lyrics.Pronunciation;

/// <summary>
/// Guesses a pronunciation from spelling for words the dictionary lacks (archaic spellings, names, coinages).
/// Rules, longest match first, cover the common English vowel and consonant spellings; a silent final "e" (and
/// "-es"/"-ed" after it) lengthens the vowel before it instead of making a syllable. Stress goes on the first
/// syllable, or the second after a weak prefix ("be-", "re-"), which is right for most English words of two or
/// three syllables. Good enough to count syllables and find a rhyme; not a speech front end.
/// </summary>
public static class LetterToSound
{
    // Grapheme → phones. Vowel phones carry stress 0 here; stress is assigned afterwards.
    private static readonly (string Letters, string Phones)[] Rules =
    [
        ("tion", "SH AH0 N"), ("sion", "ZH AH0 N"), ("ough", "AO0"), ("augh", "AO0"), ("eigh", "EY0"), ("igh", "AY0"),
        ("tch", "CH"), ("dge", "JH"), ("sch", "S K"), ("que", "K"),
        ("ee", "IY0"), ("ea", "IY0"), ("oo", "UW0"), ("ou", "AW0"), ("ow", "OW0"), ("oa", "OW0"), ("oi", "OY0"), ("oy", "OY0"),
        ("ai", "EY0"), ("ay", "EY0"), ("au", "AO0"), ("aw", "AO0"), ("ew", "UW0"), ("ie", "IY0"), ("ei", "IY0"), ("ue", "UW0"),
        ("ar", "AA0 R"), ("or", "AO0 R"), ("er", "ER0"), ("ir", "ER0"), ("ur", "ER0"),
        ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("wh", "W"), ("ck", "K"), ("ng", "NG"), ("qu", "K W"), ("kn", "N"),
        ("wr", "R"), ("gh", ""), ("ll", "L"), ("ss", "S"), ("ff", "F"), ("tt", "T"), ("pp", "P"), ("mm", "M"), ("nn", "N"),
        ("rr", "R"), ("dd", "D"), ("bb", "B"), ("gg", "G"), ("zz", "Z"), ("cc", "K"),
        ("a", "AE0"), ("e", "EH0"), ("i", "IH0"), ("o", "AA0"), ("u", "AH0"),
        ("b", "B"), ("c", "K"), ("d", "D"), ("f", "F"), ("g", "G"), ("h", "HH"), ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"),
        ("n", "N"), ("p", "P"), ("r", "R"), ("s", "S"), ("t", "T"), ("v", "V"), ("w", "W"), ("x", "K S"), ("z", "Z"),
    ];

    private static readonly Dictionary<char, string> LongVowels = new() { ['a'] = "EY0", ['e'] = "IY0", ['i'] = "AY0", ['o'] = "OW0", ['u'] = "UW0" };

    private static readonly string[] WeakPrefixes = ["be", "re", "de", "a", "un", "in", "en", "ex"];

    public static Pronunciation Guess(string word)
    {
        var letters = new string(word.ToLowerInvariant().Where(char.IsAsciiLetterLower).ToArray());
        if (letters.Length == 0) throw new ArgumentException($"'{word}' has no letters to pronounce", nameof(word));
        var (stem, suffix) = SplitSilentE(letters);
        var phones = new List<string>();
        for (var i = 0; i < stem.Length;)
        {
            if (stem[i] == 'y')
            {
                // y is a consonant before a vowel at the start of a syllable, else a vowel (happy, my, rhythm).
                var consonant = i + 1 < stem.Length && "aeiou".Contains(stem[i + 1]);
                phones.Add(consonant ? "Y" : i == stem.Length - 1 && i > 1 ? "IY0" : "IH0");
                i++;
                continue;
            }
            var rule = Rules.First(r => string.CompareOrdinal(stem, i, r.Letters, 0, r.Letters.Length) == 0);
            if (rule.Phones.Length > 0) phones.AddRange(rule.Phones.Split(' '));
            i += rule.Letters.Length;
        }
        if (suffix is { } silent)
        {
            // Lengthen the last vowel before the silent e: "stone" → S T OW N, "mine" → M AY N.
            var last = phones.FindLastIndex(Pronunciation.IsVowel);
            var vowelLetter = stem.LastOrDefault(c => "aeiou".Contains(c));
            if (last >= 0 && LongVowels.TryGetValue(vowelLetter, out var longVowel) && phones[last] is "AE0" or "EH0" or "IH0" or "AA0" or "AH0")
                phones[last] = longVowel;
            if (silent == "es" && stem[^1] is 's' or 'z' or 'x' or 'h' or 'c' or 'g') phones.AddRange(["IH0", "Z"]);
            else if (silent == "es") phones.Add("Z");
            else if (silent == "ed") phones.Add(stem[^1] is 't' or 'd' ? "IH0 D" : "D");
        }
        if (!phones.Any(Pronunciation.IsVowel)) phones.Insert(Math.Min(1, phones.Count), "AH0");
        phones = phones.SelectMany(p => p.Split(' ')).ToList();
        Stress(phones, letters);
        return new Pronunciation(phones, FromDictionary: false);
    }

    /// <summary>"stone" → ("ston", "e"); "stones" → ("ston", "es"); "hoped" → ("hop", "ed"). Short words keep their e ("the", "be").</summary>
    private static (string Stem, string? Suffix) SplitSilentE(string letters)
    {
        foreach (var ending in new[] { "es", "ed", "e" })
        {
            if (!letters.EndsWith(ending, StringComparison.Ordinal) || letters.Length < ending.Length + 3) continue;
            var stem = letters[..^ending.Length];
            var consonantBefore = !"aeiouy".Contains(stem[^1]);
            var vowelBeforeThat = "aeiou".Contains(stem[^2]);
            if (ending == "ed" && consonantBefore && !vowelBeforeThat) return (stem, "ed");  // "jumped": no long vowel, just -ed
            if (consonantBefore && vowelBeforeThat) return (stem, ending);
        }
        return (letters, null);
    }

    private static void Stress(List<string> phones, string letters)
    {
        var vowels = Enumerable.Range(0, phones.Count).Where(i => Pronunciation.IsVowel(phones[i])).ToList();
        var stressed = vowels.Count > 1 && WeakPrefixes.Any(prefix => letters.StartsWith(prefix, StringComparison.Ordinal) && letters.Length > prefix.Length + 3)
            ? vowels[1]
            : vowels[0];
        phones[stressed] = phones[stressed][..^1] + "1";
    }
}
