using CreativeGen.Ml.Lyrics.Evaluation;
using CreativeGen.Ml.Lyrics.Writing;

namespace CreativeGen.Ml.Tests.Lyrics;

/// <summary>The shipped lyric model, loaded once for the tests that write with it.</summary>
public sealed class ShippedLyricModel : IDisposable
{
    public ShippedLyricModel()
    {
        CreativeGen.Ml.Common.TorchRuntime.Initialize();
        Model = LyricModel.LoadDefault();
        Writer = new LyricWriter(Model);
    }

    public LyricModel Model { get; }

    public LyricWriter Writer { get; }

    public void Dispose() => Model.Dispose();
}

public class LyricWriterTests(ShippedLyricModel shipped) : IClassFixture<ShippedLyricModel>
{
    private static readonly LineConstraint[] Ballad =
    [
        LineConstraint.Alternating(8, strongFirst: false), LineConstraint.Alternating(6, strongFirst: false),
        LineConstraint.Alternating(8, strongFirst: false), LineConstraint.Alternating(6, strongFirst: false),
        new([true, false, false, true, false, true, false]), LineConstraint.Alternating(7, strongFirst: true),
        LineConstraint.Alternating(10, strongFirst: false), LineConstraint.Alternating(10, strongFirst: false),
    ];

    [Fact]
    public void ShippedModel_IsWithinTheSizeLimit() =>
        Assert.InRange(new FileInfo(CreativeGen.Ml.Common.DefaultModels.Require(LyricModel.DefaultFileName)).Length, 1, 10_000_000);

    [SkippableTheory]
    [InlineData("abab", "sea", 1)]
    [InlineData("aabb", "mountain", 2)]
    [InlineData("abcb", null, 3)]
    public void WrittenStanzas_MeetEveryConstraint_ByTheFullDictionary(string scheme, string? theme, long seed)
    {
        var lexicon = LyricsTestData.Lexicon;  // an independent check: all of CMUdict, not the model's tables
        var request = new LyricRequest(Ballad, scheme, theme, seed);
        var lyrics = shipped.Writer.Write(request);
        var lines = lyrics.Lines.Select(l => l.Words).ToArray();

        Assert.Equal(Ballad.Length, lines.Length);
        Assert.Equal(new Share(Ballad.Length, Ballad.Length), LyricMetrics.ExactSyllables(lines, Ballad, lexicon));
        var rhymes = LyricMetrics.RhymedPairs(lines, request.RhymeGroups(), lexicon);
        Assert.True(rhymes.Hits == rhymes.Total, $"rhymes {rhymes}:\n{lyrics.ToText()}");
        var stress = LyricMetrics.StressOnStrongBeats(lines, Ballad, lexicon);
        Assert.True(stress.Hits == stress.Total, $"stress {stress}:\n{lyrics.ToText()}");
        Assert.DoesNotContain(lyrics.Lines, l => l.Relaxed);
        Assert.All(lyrics.Lines, l => Assert.Equal(l.Words.Count, l.Words.Distinct().Count()));
    }

    [Fact]
    public void SameRequest_WritesTheSameWords_AndAnotherSeedOthers()
    {
        var request = new LyricRequest(Ballad[..4], "abab", "forest", 11);
        var first = shipped.Writer.Write(request).ToText();
        Assert.Equal(first, new LyricWriter(shipped.Model).Write(request).ToText());
        Assert.NotEqual(first, shipped.Writer.Write(request with { Seed = 12 }).ToText());
    }

    [Fact]
    public void Theme_BringsItsWordsIn()
    {
        var theme = ThemeWords.Ids("sea", shipped.Model).Select(id => shipped.Model.Vocabulary.Words[id]).ToHashSet();
        var words = Enumerable.Range(1, 3).SelectMany(seed => shipped.Writer.Write(new LyricRequest(Ballad[..4], "abab", "sea", seed)).Lines.SelectMany(l => l.Words));
        Assert.Contains(words, theme.Contains);
    }

    [Theory]
    [InlineData("ab1b", "Scheme")]
    [InlineData("abab", "Theme")]
    public void BadRequests_NameTheField(string scheme, string field)
    {
        var request = new LyricRequest(Ballad[..2], scheme, field == "Theme" ? "sea waves!" : null);
        var error = Assert.Throws<ArgumentException>(() => request.Validate());
        Assert.Equal(field, error.ParamName);
    }
}
