using CreativeGen.Ml.Lyrics.Pronunciation;

namespace CreativeGen.Ml.Tests.Lyrics;

public class PronunciationTests
{
    [SkippableTheory]
    [InlineData("river", 2, new[] { 1, 0 })]
    [InlineData("mountain", 2, new[] { 1, 0 })]
    [InlineData("imagination", 5, new[] { 2, 2, 0, 1, 0 })]  // IH2 M AE2 JH AH0 N EY1 SH AH0 N
    [InlineData("sea", 1, new[] { 1 })]
    [InlineData("the", 1, new[] { 0 })]
    public void DictionaryWords_HaveCmudictSyllablesAndStress(string word, int syllables, int[] stresses)
    {
        var lexicon = LyricsTestData.Lexicon;
        Assert.True(lexicon.Contains(word));
        Assert.Equal(syllables, lexicon.Syllables(word));
        Assert.Equal(stresses, lexicon.Primary(word).Stresses);
    }

    [SkippableTheory]
    [InlineData("nation", "station", true)]
    [InlineData("day", "away", true)]
    [InlineData("sea", "free", true)]
    [InlineData("night", "light", true)]
    [InlineData("love", "move", false)]  // an eye rhyme: AH1 V vs UW1 V
    [InlineData("river", "ever", false)]
    [InlineData("sea", "see", false)]  // the same sound: identical rhyme, not a rhyme
    [InlineData("stand", "understand", false)]
    [InlineData("wind", "wind", false)]
    [InlineData("read", "bed", true)]  // through the variant R EH1 D
    [InlineData("read", "seed", true)]  // and through R IY1 D
    public void Rhymes_FollowTheDictionaryRhymeParts(string first, string second, bool rhymes)
    {
        var lexicon = LyricsTestData.Lexicon;
        Assert.Equal(rhymes, lexicon.Rhymes(first, second));
        Assert.Equal(rhymes, lexicon.Rhymes(second, first));
    }

    [SkippableTheory]
    [InlineData("glight", 1, "night")]
    [InlineData("spoom", 1, "room")]
    [InlineData("flarkate", 2, null)]  // F L AA1 R K EY0 T: silent e, first-syllable stress
    [InlineData("stonewaxes", 4, null)]
    public void UnknownWords_GetLetterToSoundSyllablesAndRhymes(string word, int syllables, string? rhyme)
    {
        var lexicon = LyricsTestData.Lexicon;
        Assert.False(lexicon.Contains(word), $"'{word}' should not be in CMUdict for this test");
        var guess = lexicon.Primary(word);
        Assert.False(guess.FromDictionary);
        Assert.Equal(syllables, guess.Syllables);
        Assert.Single(guess.Stresses, s => s == 1);
        if (rhyme is not null) Assert.True(lexicon.Rhymes(word, rhyme), $"{word} ({guess}) should rhyme with {rhyme} ({lexicon.Primary(rhyme)})");
    }

    [Theory]
    [InlineData("stone", "S T OW1 N")]
    [InlineData("hoped", "HH OW1 P D")]
    [InlineData("night", "N AY1 T")]
    public void LetterToSound_UsesSilentEAndVowelTeams(string word, string phones) =>
        Assert.Equal(phones, LetterToSound.Guess(word).ToString());

    [Fact]
    public void CmudictParser_NamesFileAndLineOfABadPhone()
    {
        var text = "river R IH1 V ER0\nsea S IY1\nbad B QQ1 D\n";
        var error = Assert.Throws<PronunciationFormatException>(() => CmuDictionary.Parse(new StringReader(text), "mini.dict"));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("mini.dict:3:", error.Message);
        Assert.Contains("QQ1", error.Message);
    }

    [Fact]
    public void CmudictParser_ReadsVariantsAndComments()
    {
        var entries = CmuDictionary.Parse(new StringReader("# header\nread R IY1 D\nread(2) R EH1 D # past\n"), "mini.dict");
        Assert.Equal(["R IY1 D", "R EH1 D"], entries["read"].Select(p => p.ToString()));
    }
}
