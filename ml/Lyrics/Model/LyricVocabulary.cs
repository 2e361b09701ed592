using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Pronunciation;

namespace CreativeGen.Ml.Lyrics.Model;

/// <summary>
/// The lyric model's words: three markers, then the most frequent training words that the pronouncing dictionary
/// knows (so every word the model can write has a syllable count and stress from the dictionary, not a guess).
/// Stanzas are encoded line by line, each line's words reversed: the model writes a line from its last word, the
/// rhyme, towards its first, so rhymes are chosen first and the line grows to fit them.
/// </summary>
public sealed class LyricVocabulary
{
    public const int Unknown = 0;
    public const int EndOfLine = 1;
    public const int StartOfStanza = 2;
    public static readonly string[] Markers = ["<unk>", "<eol>", "<bos>"];

    private readonly Dictionary<string, int> index;

    public LyricVocabulary(IReadOnlyList<string> words)
    {
        if (words.Count < Markers.Length + 1 || !words.Take(Markers.Length).SequenceEqual(Markers))
            throw new ArgumentException($"a lyric vocabulary starts with {string.Join(", ", Markers)} and holds at least one word", nameof(words));
        Words = words;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
            if (!index.TryAdd(words[i], i)) throw new ArgumentException($"'{words[i]}' appears twice in the vocabulary", nameof(words));
    }

    public IReadOnlyList<string> Words { get; }

    public int Size => Words.Count;

    public int Id(string word) => index.GetValueOrDefault(word, Unknown);

    public bool Contains(string word) => index.ContainsKey(word);

    public static LyricVocabulary Build(IEnumerable<Stanza> stanzas, Lexicon lexicon, int maxWords, int minCount)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stanza in stanzas)
            foreach (var line in stanza.Lines)
                foreach (var word in LyricWords.Split(line))
                    counts[word] = counts.GetValueOrDefault(word) + 1;
        var kept = counts.Where(pair => pair.Value >= minCount && lexicon.Contains(pair.Key) && !pair.Key.Contains('\''))
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(maxWords - Markers.Length)
            .Select(pair => pair.Key);
        return new LyricVocabulary([.. Markers, .. kept]);
    }

    /// <summary>[bos, line 1 reversed, eol, line 2 reversed, eol, …]</summary>
    public long[] EncodeStanza(IEnumerable<string> lines)
    {
        var ids = new List<long> { StartOfStanza };
        foreach (var line in lines)
        {
            ids.AddRange(LyricWords.Split(line).Reverse().Select(w => (long)Id(w)));
            ids.Add(EndOfLine);
        }
        return [.. ids];
    }
}
