using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Users;

namespace CreativeGen.Cluster.Tests.Users;

public sealed class TasteProfileTests
{
    private static readonly string[] Categories = ["forest", "glacier", "mountain", "sea"];

    [Fact]
    public void Affinity_IsTheMeanAboveNeutral_ShrunkByTwoNeutralRatings()
    {
        var taste = TasteProfile.From([Landscape("sea", 5), Landscape("sea", 5), Landscape("forest", 1), Landscape("glacier", null), Music("bach", 4)]);

        Assert.Equal(4.0 / 4, taste.Affinity(ContentKind.Landscape, "sea"), 12);
        Assert.Equal(-2.0 / 3, taste.Affinity(ContentKind.Landscape, "Forest"), 12); // labels compare case-insensitively
        Assert.Equal(0, taste.Affinity(ContentKind.Landscape, "glacier"));           // received, never rated
        Assert.Equal(1.0 / 3, taste.Affinity(ContentKind.Music, "bach"), 12);
        Assert.Equal(0, taste.Affinity(ContentKind.Music, "sea"));                   // kinds are kept apart
        Assert.True(taste.HasRatings(ContentKind.Music));
        Assert.False(TasteProfile.From([Music("bach", null)]).HasRatings(ContentKind.Music));
    }

    [Fact]
    public void Choose_WithoutRatings_DrawsAsAPlainUniformChoiceFromTheSameSeed()
    {
        for (var seed = 0; seed < 200; seed++)
            Assert.Equal(Categories[new Random(seed).Next(Categories.Length)], TasteProfile.Empty.Choose(ContentKind.Landscape, Categories, new Random(seed)));
    }

    [Fact]
    public void Choose_LikedAndDislikedLabels_ShiftTheDrawsByTheirWeights()
    {
        var taste = TasteProfile.From([.. Enumerable.Repeat(Landscape("sea", 5), 8), .. Enumerable.Repeat(Landscape("forest", 1), 8)]);
        var draws = Enumerable.Range(0, 20_000).Select(seed => taste.Choose(ContentKind.Landscape, Categories, new Random(seed))).ToList();

        // Weights exp(1.6), exp(-1.6), 1, 1: sea 0.595, forest 0.030, the others 0.188 each.
        var share = (string label) => draws.Count(d => d == label) / (double)draws.Count;
        var total = Math.Exp(1.6) + Math.Exp(-1.6) + 2;
        Assert.Equal(Math.Exp(1.6) / total, share("sea"), 2);
        Assert.Equal(Math.Exp(-1.6) / total, share("forest"), 2);
        Assert.Equal(1 / total, share("glacier"), 2);
    }

    [Fact]
    public void ChooseTempo_WithoutTempoRatings_IsOneUniformDraw_AsBefore()
    {
        var taste = TasteProfile.From([Landscape("sea", 5)]);
        for (var seed = 0; seed < 100; seed++)
            Assert.Equal(80 + new Random(seed).NextDouble() * 52, taste.ChooseTempo(80, 132, new Random(seed)));
    }

    [Fact]
    public void ChooseTempo_SlowPiecesRatedWell_PullsTheTempoDown_WithinTheRange()
    {
        var taste = TasteProfile.From([
            .. Enumerable.Range(0, 6).Select(i => Music("bach", 5, tempo: 82 + i)),
            .. Enumerable.Range(0, 6).Select(i => Music("bach", 1, tempo: 121 + i))]);

        var tempi = Enumerable.Range(0, 4000).Select(seed => taste.ChooseTempo(80, 132, new Random(seed))).ToList();

        // Unrated the mean is 106 bpm; liked 80s and disliked 120s shift it well below.
        Assert.InRange(tempi.Average(), 80, 100);
        Assert.All(tempi, t => Assert.InRange(t, 80, 132));
        Assert.True(tempi.Count(t => t < 90) > 2 * tempi.Count(t => t >= 120), "the liked band is drawn far more often than the disliked one");
    }

    private static HistoryEntry Landscape(string category, int? stars) =>
        new("img", Recipe.ForLandscape("landscape-64", "v1", new LandscapeParameters(category, 1.0), 1), DateTimeOffset.UnixEpoch, stars);

    private static HistoryEntry Music(string composer, int? stars, double? tempo = null) =>
        new("mus", Recipe.ForMusic("music-piano", "v1", new MusicParameters(composer, 4, 1.0, tempo, null, null), 1), DateTimeOffset.UnixEpoch, stars);
}
