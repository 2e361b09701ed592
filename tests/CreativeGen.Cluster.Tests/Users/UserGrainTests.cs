using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.Cluster.Tests.Placement;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Cluster.Tests.Users;

public sealed class UserGrainTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task ComposeMusic_FillsMissingParametersFromPreferences()
    {
        var user = NewUser();
        await user.SetPreferencesAsync(new UserPreferences(new MusicPreferences(["Chopin"], 100, 100, 7, 0.7), LandscapePreferences.Default));

        var piece = await user.ComposeMusicAsync(new MusicOrder(Seed: 5));

        Assert.Equal(new MusicParameters("chopin", 7, 0.7, 100, null, null), piece.Recipe.Music);
        Assert.Equal(5, piece.Recipe.Seed);
        Assert.Equal("MThd", System.Text.Encoding.ASCII.GetString(piece.Content, 0, 4));
    }

    [Fact]
    public async Task ExplicitParameters_OverridePreferences()
    {
        var user = NewUser();
        await user.SetPreferencesAsync(new UserPreferences(MusicPreferences.Default, new LandscapePreferences(["sea"], 0.5)));

        var image = await user.PaintLandscapeAsync(new LandscapeOrder(Category: "Glacier", Truncation: 0.9, Seed: 1));

        Assert.Equal(new LandscapeParameters("glacier", 0.9), image.Recipe.Landscape);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image.Content[..4]);
    }

    [Fact]
    public async Task Recipe_RegeneratesTheSameBytes()
    {
        var user = NewUser();
        var piece = await user.ComposeMusicAsync(new MusicOrder(Composer: "bach", LengthSeconds: 3));
        var image = await user.PaintLandscapeAsync(new LandscapeOrder());

        var again = await fixture.Client.GetGrain<IRecipeGrain>(piece.RecipeId).RenderAsync();
        var imageAgain = await fixture.Client.GetGrain<IRecipeGrain>(image.RecipeId).RenderAsync();

        Assert.Equal(piece.Content, again.Content);
        Assert.Equal(image.Content, imageAgain.Content);
        Assert.Equal(piece.Recipe, again.Recipe);
    }

    [Fact]
    public async Task Recipe_OfAModelVersionNoLongerLoaded_IsGone()
    {
        var piece = await NewUser().ComposeMusicAsync(new MusicOrder(Seed: 9));
        var generator = fixture.Models.MusicGenerator;
        var original = generator.ModelVersion;
        generator.ModelVersion = "fixed-2"; // new weights: the old recipe cannot be reproduced exactly
        try
        {
            var error = await Assert.ThrowsAsync<GenerationRequestException>(() => fixture.Client.GetGrain<IRecipeGrain>(piece.RecipeId).RenderAsync());

            Assert.Equal(GenerationErrorKind.Gone, error.Kind);
            Assert.Contains(original, error.Message);
        }
        finally
        {
            generator.ModelVersion = original;
        }
    }

    [Fact]
    public async Task Recipe_OfAnArchivedModelVersion_RegeneratesTheSameBytesFromTheArchive()
    {
        var generator = fixture.Models.MusicGenerator;
        var original = generator.ModelVersion;
        generator.ModelVersion = "fixed-archived";
        var piece = await NewUser().ComposeMusicAsync(new MusicOrder(Seed: 11));
        generator.ModelVersion = "fixed-newer"; // the model was replaced; the old version went to the archive
        fixture.Models.ArchivedMusic["fixed-archived"] = new FixedPatternMusicGenerator("fixed-archived");
        try
        {
            var again = await fixture.Client.GetGrain<IRecipeGrain>(piece.RecipeId).RenderAsync();

            Assert.Equal(piece.Content, again.Content);
            Assert.Equal("fixed-archived", again.Recipe.ModelVersion);
            var fresh = await NewUser().ComposeMusicAsync(new MusicOrder(Seed: 11));
            Assert.Equal("fixed-newer", fresh.Recipe.ModelVersion); // new requests use the current version
            Assert.NotEqual(piece.Content, fresh.Content);
        }
        finally
        {
            generator.ModelVersion = original;
        }
    }

    [Fact]
    public async Task History_RecordsResultsAndRatings_NewestFirst()
    {
        var user = NewUser();
        var first = await user.ComposeMusicAsync(new MusicOrder(Seed: 1));
        var second = await user.PaintLandscapeAsync(new LandscapeOrder(Seed: 2));

        await user.RateAsync(first.RecipeId, 4, "nice");
        var history = await user.GetHistoryAsync(10);

        Assert.Equal([second.RecipeId, first.RecipeId], history.Select(h => h.RecipeId));
        Assert.Equal(4, history[1].Rating);
        Assert.Equal("nice", history[1].Comment);
        Assert.Null(history[0].Rating);
    }

    [Theory]
    [InlineData("mozart", null, "composer")]
    [InlineData(null, -3.0, "lengthSeconds")]
    [InlineData(null, 1e9, "lengthSeconds")]
    public async Task AbsurdMusicOrders_AreRefusedNamingTheParameter(string? composer, double? length, string parameter)
    {
        var error = await Assert.ThrowsAsync<GenerationRequestException>(() =>
            NewUser().ComposeMusicAsync(new MusicOrder(Composer: composer, LengthSeconds: length)));

        Assert.Equal(GenerationErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public async Task Preferences_WithUnknownCategory_AreRefused()
    {
        var error = await Assert.ThrowsAsync<GenerationRequestException>(() =>
            NewUser().SetPreferencesAsync(new UserPreferences(MusicPreferences.Default, new LandscapePreferences(["desert"], 0.5))));

        Assert.Contains("desert", error.Message);
        Assert.Contains("forest", error.Message); // lists what is known
    }

    [Fact]
    public async Task RatingARecipeNotReceived_IsRefused()
    {
        var error = await Assert.ThrowsAsync<GenerationRequestException>(() => NewUser().RateAsync("mus_000000000000000000000000", 3, null));

        Assert.Equal(GenerationErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Ratings_SteerTheCategoriesAndComposersARequestLeavesOpen()
    {
        // A simulated user who loves the sea and Satie and rates everything else 2 stars, for 60 rounds of each.
        var user = NewUser();
        var seaShares = new List<double>();
        var satieShares = new List<double>();
        for (var block = 0; block < 3; block++)
        {
            var (sea, satie) = (0, 0);
            for (var i = 0; i < 20; i++)
            {
                var seed = block * 20 + i;
                var image = await user.PaintLandscapeAsync(new LandscapeOrder(Seed: seed));
                var isSea = image.Recipe.Landscape!.Category == "sea";
                await user.RateAsync(image.RecipeId, isSea ? 5 : 2, null);
                var piece = await user.ComposeMusicAsync(new MusicOrder(LengthSeconds: 1, Seed: seed));
                var isSatie = piece.Recipe.Music!.Composer == "satie";
                await user.RateAsync(piece.RecipeId, isSatie ? 5 : 2, null);
                (sea, satie) = (sea + (isSea ? 1 : 0), satie + (isSatie ? 1 : 0));
            }
            seaShares.Add(sea / 20.0);
            satieShares.Add(satie / 20.0);
        }

        // Unrated, a quarter of the landscapes are seas and a third of the pieces are by Satie; by the third block of
        // twenty, ratings have made the liked labels the most common by far.
        Assert.True(seaShares[2] >= 0.6, $"sea shares by block: {string.Join(", ", seaShares)}");
        Assert.True(satieShares[2] >= 0.6, $"satie shares by block: {string.Join(", ", satieShares)}");
        Assert.True(seaShares[2] > seaShares[0] && satieShares[2] > satieShares[0]);
    }

    private IUserGrain NewUser() => fixture.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
}
