namespace CreativeGen.Ml.Lyrics.Pronunciation;

/// <summary>A line of a pronouncing dictionary that cannot be read; the message names the file and the line.</summary>
public sealed class PronunciationFormatException(string file, int line, string problem)
    : IOException($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}

/// <summary>
/// Reads the CMU Pronouncing Dictionary (cmudict.dict: "word PH1 PH2 …", variants as "word(2)", "#" comments).
/// Words are lower-case keys; variants keep the file's order, the first being the most common.
/// </summary>
public static class CmuDictionary
{
    private static readonly HashSet<string> Phones =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M",
        "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    public static Dictionary<string, List<Pronunciation>> Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"pronouncing dictionary not found: {path}", path);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static Dictionary<string, List<Pronunciation>> Parse(TextReader reader, string name)
    {
        var entries = new Dictionary<string, List<Pronunciation>>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            if (comment >= 0) line = line[..comment];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) throw new PronunciationFormatException(name, number, $"'{line}' has a word but no phones");
            var word = parts[0].ToLowerInvariant();
            var variant = word.IndexOf('(');
            if (variant > 0)
            {
                if (!word.EndsWith(')')) throw new PronunciationFormatException(name, number, $"'{parts[0]}' opens a variant number it does not close");
                word = word[..variant];
            }
            for (var i = 1; i < parts.Length; i++)
            {
                var phone = parts[i];
                var bare = Pronunciation.IsVowel(phone) ? phone[..^1] : phone;
                if (!Phones.Contains(bare) || (Pronunciation.IsVowel(phone) && phone[^1] > '2'))
                    throw new PronunciationFormatException(name, number, $"'{phone}' (in '{parts[0]}') is not an ARPAbet phone");
            }
            if (!entries.TryGetValue(word, out var list)) entries[word] = list = [];
            list.Add(new Pronunciation(parts[1..]));
        }
        if (entries.Count == 0) throw new PronunciationFormatException(name, number, "no entries");
        return entries;
    }
}
