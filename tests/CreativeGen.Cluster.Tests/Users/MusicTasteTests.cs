using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Users;

namespace CreativeGen.Cluster.Tests.Users;

public sealed class MusicTasteTests
{
    [Fact]
    public void ChooseKey_WithoutKeyRatings_IsTheUniformDrawItAlwaysWas()
    {
        for (var seed = 0; seed < 100; seed++)
            Assert.Equal(StyleFields.Key(null, "pop", new Random(seed)), TasteProfile.Empty.ChooseKey(new Random(seed)));
        Assert.Null(TasteProfile.Empty.ChooseInstruments(new Random(1)));
    }

    [Fact]
    public void LikedMinorPieces_PullKeysTowardMinor_AndLikedInstrumentsComeUpMore()
    {
        var taste = TasteProfile.From([
            .. Enumerable.Range(0, 6).Select(_ => Pop("A minor", ["violin", "strings", "harp"], 5)),
            .. Enumerable.Range(0, 6).Select(_ => Pop("C major", null, 1))]);

        var keys = Enumerable.Range(0, 2000).Select(seed => taste.ChooseKey(new Random(seed))).ToList();
        var melodies = Enumerable.Range(0, 2000).Select(seed => taste.ChooseInstruments(new Random(seed))![0]).ToList();

        Assert.True(keys.Count(k => k.EndsWith("minor")) > 0.75 * keys.Count, "minor keys dominate");
        Assert.True(keys.Count(k => k == "A minor") > 3 * keys.Count(k => k == "D minor"), "the liked key beats another minor one");
        Assert.True(keys.Count(k => k == "C major") < 0.01 * keys.Count, "the disliked key is rare");
        Assert.True(melodies.Count(m => m == "violin") > 0.25 * melodies.Count, "the liked melody instrument comes up more than 1 in 8");
        Assert.True(melodies.Count(m => m == "flute") < 0.05 * melodies.Count, "the default flute of the disliked pieces comes up rarely");
        Assert.Equal(MusicTraits.PopPalettes[0].Count, melodies.Distinct().Count()); // every instrument still comes up: exploration
    }

    /// <summary>Issue 13: listeners with hidden traits rate more pop pieces 4 or more once ratings steer the conditioning.</summary>
    [Fact]
    public void Personalization_SimulatedListenersWithHiddenTraits_RateMorePiecesFourOrMore()
    {
        var outcomes = MusicTasteSimulation.Run(users: 100, ratings: 20, populationSeed: 3);

        var plain = outcomes.Average(o => o.PlainShare);
        var personalized = outcomes.Average(o => o.PersonalizedShare);
        Assert.True(personalized - plain >= 0.05, $"mean share rated 4+: plain {plain:P1}, personalized {personalized:P1}");
        Assert.True(outcomes.Count(o => o.PersonalizedShare > o.PlainShare) > 2 * outcomes.Count(o => o.PersonalizedShare < o.PlainShare), "most listeners gain");
    }

    private static HistoryEntry Pop(string key, string[]? instruments, int stars) =>
        new("pop", Recipe.ForMusic("music-pop", "v1", new MusicParameters(null, 8, 1.0, 96, null, null, "pop", key, instruments), 1), DateTimeOffset.UnixEpoch, stars);
}
