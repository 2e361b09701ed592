using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Experiences;
using CreativeGen.Grains.Users;

namespace CreativeGen.Cluster.Tests.Experiences;

public sealed class ExperiencePlannerTests
{
    private static readonly string[] Categories = ["forest", "glacier", "mountain", "sea"];
    private static readonly string[] Composers = ["Bach", "Beethoven", "Chopin", "Debussy", "Grieg", "Liszt", "Ravel", "Satie", "Schumann"];

    private static ExperiencePlanner.Plan Make(ExperienceOrder order, UserPreferences? preferences = null) =>
        ExperiencePlanner.Make(order, preferences ?? UserPreferences.Default, Categories, Composers, TasteProfile.Empty, new ExperienceTaste([]));

    [Theory]
    [InlineData("waves at dusk", "sea")]
    [InlineData("An ICY morning", "glacier")]
    [InlineData("pines on a ridge", "forest")]
    [InlineData("the summit", "mountain")]
    public void SceneWordsInTheTheme_PickTheCategory(string theme, string category) =>
        Assert.Equal(category, Make(new ExperienceOrder(Theme: theme, Seed: 1)).Category);

    [Fact]
    public void SameOrderAndSeed_GiveTheSamePlan_AndPartSeedsDifferFromEachOther()
    {
        var (a, b) = (Make(new ExperienceOrder(Mood: "bright", Seed: 42)), Make(new ExperienceOrder(Mood: "bright", Seed: 42)));

        Assert.Equal(a, b);
        Assert.NotEqual(a.Picture.Seed, a.Song.Seed);
        Assert.InRange(a.Picture.Seed!.Value, 0, (1L << 53) - 1);
    }

    [Fact]
    public void SuggestedStyles_AreChosenMostOfTheTime_AndOthersStillComeUp()
    {
        var sea = Enumerable.Range(0, 400).Select(seed => Make(new ExperienceOrder(Theme: "sea", Seed: seed)).Style).ToList();
        var suggested = sea.Count(s => s is "Debussy" or "Ravel" or "Chopin") / 400.0;

        // Weights e^3 for the 3 suggested styles the model knows, 1 for the 6 others: 3*20.1/(3*20.1+6) = 0.91.
        Assert.InRange(suggested, 0.85, 0.96);
        Assert.Contains(sea, s => s is "Bach" or "Satie" or "Liszt");
    }

    [Fact]
    public void Tempo_FollowsSceneAndMood_WithinTheUsersRange()
    {
        var wide = new UserPreferences(MusicPreferences.Default with { MinTempoBpm = 40, MaxTempoBpm = 200 }, LandscapePreferences.Default);
        var glacierCalm = Enumerable.Range(0, 50).Select(s => Make(new ExperienceOrder(Theme: "ice", Mood: "calm", Seed: s), wide).TempoBpm).ToList();
        var mountainDramatic = Enumerable.Range(0, 50).Select(s => Make(new ExperienceOrder(Theme: "peak", Mood: "dramatic", Seed: s), wide).TempoBpm).ToList();
        var narrow = new UserPreferences(MusicPreferences.Default with { MinTempoBpm = 120, MaxTempoBpm = 180 }, LandscapePreferences.Default);
        var glacierNarrow = Enumerable.Range(0, 50).Select(s => Make(new ExperienceOrder(Theme: "ice", Seed: s), narrow).TempoBpm).ToList();

        Assert.All(glacierCalm, t => Assert.InRange(t, Math.Floor(56 * 0.85), Math.Ceiling(80 * 0.85)));
        Assert.All(mountainDramatic, t => Assert.InRange(t, Math.Floor(96 * 1.15), Math.Ceiling(132 * 1.15)));
        Assert.All(glacierNarrow, t => Assert.InRange(t, 120, 144)); // no overlap: the scene's width at the user's slow end
    }

    [Fact]
    public void UnknownMoods_AndLongThemes_AreRefusedNamingTheField()
    {
        var mood = Assert.Throws<GenerationRequestException>(() => Make(new ExperienceOrder(Mood: "angry")));
        var theme = Assert.Throws<GenerationRequestException>(() => Make(new ExperienceOrder(Theme: new string('x', 201))));

        Assert.Equal("mood", mood.Parameter);
        Assert.Contains("calm", mood.Message);
        Assert.Equal("theme", theme.Parameter);
    }
}
