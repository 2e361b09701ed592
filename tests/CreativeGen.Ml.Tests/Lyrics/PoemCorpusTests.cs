using CreativeGen.Ml.Lyrics.Corpus;

namespace CreativeGen.Ml.Tests.Lyrics;

public class PoemCorpusTests
{
    [SkippableFact]
    public void ValidationPoets_ReadWithSchemesMatchingTheirLines()
    {
        var (stanzas, report) = PoemCorpus.ReadFolder(LyricsTestData.PoemsVal);
        Assert.Equal(2, report.Files);
        Assert.True(report.Stanzas > 500, report.ToString());
        Assert.All(stanzas, s => Assert.Equal(s.Lines.Count, s.Scheme.Count));
        Assert.Contains(stanzas, s => s.Poet.Contains("Housman") && new string([.. s.Scheme]) == "abab");
        Assert.True(report.DroppedSchemeMismatch < report.Stanzas / 50, report.ToString());
    }

    [Fact]
    public void RepeatingScheme_ExpandsToCouplets() =>
        Assert.Equal("aabbcc", new string(PoemCorpus.ExpandScheme("a a *", 6, "f.txt", 1)));

    [Theory]
    [InlineData("TITLE Lost\n\nRHYME a b\n\nOne\nTwo\n", 1, "TITLE before the AUTHOR line")]
    [InlineData("AUTHOR X\nTITLE T\nRHYME a 7 a\n\nOne\nTwo\nThree\n", 3, "rhyme label '7'")]
    [InlineData("AUTHOR X\nTITLE T\nRHYME\n\nOne\n", 3, "RHYME without a scheme")]
    [InlineData("Just verse\nwith no header\n", 1, "verse before the AUTHOR line")]
    public void BadPoemFiles_FailNamingFileAndLine(string text, int line, string problem)
    {
        var error = Assert.Throws<PoemFormatException>(() => PoemCorpus.Parse(text, "poet.txt"));
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"poet.txt:{line}:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void StanzaWithWrongLineCount_IsDroppedAndCounted()
    {
        var (stanzas, report) = PoemCorpus.Parse("AUTHOR X\nTITLE T\nRHYME a b a b\n\nOne\nTwo\nThree\nRHYME a a\n\nSea\nme\n", "poet.txt");
        Assert.Single(stanzas);
        Assert.Equal(1, report.DroppedSchemeMismatch);
        Assert.Equal([(0, 1)], stanzas[0].RhymePairs());
    }

    [Fact]
    public void Words_AreLowerCasedWithoutPunctuationOrAccents() =>
        Assert.Equal(["o'er", "the", "beloved", "sea"], LyricWords.Split("O\u2019er the Belov\u00e8d, sea!"));
}
