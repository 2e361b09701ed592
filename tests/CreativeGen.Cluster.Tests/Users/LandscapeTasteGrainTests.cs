using CreativeGen.Cluster.Tests.Placement;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Ml.Personalization;

namespace CreativeGen.Cluster.Tests.Users;

public sealed class LandscapeTasteGrainTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    /// <summary>
    /// Issue 13: once landscapes are rated, an open seed is chosen near the liked latents, and the recipe records the
    /// chosen seed, so it regenerates byte-identically however the user rates afterwards.
    /// </summary>
    [Fact]
    public async Task PersonalizedPicture_RegeneratesIdentically_AfterLaterRatings()
    {
        var user = fixture.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        foreach (var seed in new long[] { 11, 12, 13 })
            await user.RateAsync((await user.PaintLandscapeAsync(new LandscapeOrder(Category: "sea", Seed: seed))).RecipeId, 5, null);

        var pictures = new List<GeneratedContent>();
        for (var i = 0; i < 8; i++) pictures.Add(await user.PaintLandscapeAsync(new LandscapeOrder(Category: "sea")));
        foreach (var picture in pictures) await user.RateAsync(picture.RecipeId, 1, null); // the taste moves on

        var liked = new[] { 11L, 12, 13 }.Select(s => SeedLatents.Of(s)).Aggregate((a, b) => [.. a.Zip(b, (x, y) => x + y)]);
        var leaning = pictures.Average(p => Cosine(SeedLatents.Of(p.Recipe.Seed), liked));
        Assert.True(leaning > 0.1, $"pictures lean {leaning:F3} toward the liked latents (plain sampling: about 0)");
        foreach (var picture in pictures)
            Assert.Equal(picture.Content, (await fixture.Client.GetGrain<IRecipeGrain>(picture.RecipeId).RenderAsync()).Content);
        var explicitSeed = await user.PaintLandscapeAsync(new LandscapeOrder(Category: "sea", Seed: 99));
        Assert.Equal(99, explicitSeed.Recipe.Seed); // a named seed is painted as named
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));
}
