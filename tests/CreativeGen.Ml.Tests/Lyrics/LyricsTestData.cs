using CreativeGen.Ml.Lyrics.Pronunciation;

namespace CreativeGen.Ml.Tests.Lyrics;

/// <summary>The shared lyric data (poems, CMUdict), loaded once per test run; tests using it skip without the data (fail under CI).</summary>
public static class LyricsTestData
{
    private static readonly Lazy<Lexicon> FullLexicon = new(() => Lexicon.Load(CmuDictPath));

    public static string LyricsRoot => Path.Combine(TestData.RequireSharedData(), "lyrics");

    public static string CmuDictPath => Path.Combine(LyricsRoot, "pronunciation", "cmudict.dict");

    public static string PoemsTrain => Path.Combine(LyricsRoot, "poems", "train");

    public static string PoemsVal => Path.Combine(LyricsRoot, "poems", "val");

    /// <summary>The whole CMU Pronouncing Dictionary (135k words).</summary>
    public static Lexicon Lexicon
    {
        get
        {
            TestData.RequireSharedData();
            return FullLexicon.Value;
        }
    }
}
