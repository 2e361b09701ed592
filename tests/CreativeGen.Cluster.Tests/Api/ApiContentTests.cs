using System.Net;
using System.Net.Http.Json;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiContentTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Music_IsMidiWithARecipeId_AndContentReturnsTheSameBytes()
    {
        var user = await api.CreateUserAsync();

        var created = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { composer = "satie", lengthSeconds = 4, seed = 11 });
        var bytes = await created.Content.ReadAsByteArrayAsync();
        var recipeId = created.Headers.GetValues("X-Recipe-Id").Single();
        var again = await api.SendAsync(HttpMethod.Get, $"/v1/content/{recipeId}", user);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("audio/midi", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal("MThd"u8.ToArray(), bytes[..4]);
        Assert.StartsWith("mus_", recipeId);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Landscape_IsPng_AndContentReturnsTheSameBytes()
    {
        var user = await api.CreateUserAsync();

        var created = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/landscapes", user, new { category = "sea" });
        var bytes = await created.Content.ReadAsByteArrayAsync();
        var again = await api.SendAsync(HttpMethod.Get, created.Headers.Location!.ToString(), user);

        Assert.Equal("image/png", created.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SameSeedAndParameters_GiveTheSameRecipeAndBytes_ForDifferentUsers()
    {
        var first = await api.CreateUserAsync();
        var second = await api.CreateUserAsync();
        var order = new { composer = "bach", lengthSeconds = 3, tempoBpm = 90, seed = 77 };

        var a = await api.SendAsync(HttpMethod.Post, $"/v1/users/{first.UserId}/music", first, order);
        var b = await api.SendAsync(HttpMethod.Post, $"/v1/users/{second.UserId}/music", second, order);

        Assert.Equal(a.Headers.GetValues("X-Recipe-Id").Single(), b.Headers.GetValues("X-Recipe-Id").Single());
        Assert.Equal(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PreferencesRatingsAndHistory_RoundTrip()
    {
        var user = await api.CreateUserAsync();
        var preferences = new UserPreferences(new MusicPreferences(["chopin"], 70, 90, 5, 0.9), new LandscapePreferences(["forest", "glacier"], 0.7));

        var put = await api.SendAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/preferences", user, preferences);
        var music = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user);
        var recipeId = music.Headers.GetValues("X-Recipe-Id").Single();
        var rating = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/ratings", user, new { recipeId, stars = 5, comment = "lovely" });
        var history = await (await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history", user)).Content.ReadFromJsonAsync<HistoryEntry[]>();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rating.StatusCode);
        var entry = Assert.Single(history!);
        Assert.Equal((recipeId, 5, "lovely"), (entry.RecipeId, entry.Rating, entry.Comment));
        Assert.Equal("chopin", entry.Recipe.Music!.Composer);
        Assert.InRange(entry.Recipe.Music.TempoBpm!.Value, 70, 90);
    }

    [Fact]
    public async Task WavRequested_IsRenderedFromTheMidi()
    {
        var user = await api.CreateUserAsync();

        var response = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music?format=wav", user, new { lengthSeconds = 2 });

        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("RIFF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Theory]
    [InlineData("audio/wav", "audio/wav")]
    [InlineData("audio/wav;q=0", "audio/midi")]
    [InlineData("audio/wav;q=0, */*", "audio/midi")]
    [InlineData("audio/midi;q=0.5, audio/wav", "audio/wav")]
    [InlineData("audio/wav;q=0.5, audio/midi", "audio/midi")]
    [InlineData("audio/*", "audio/midi")]
    [InlineData("application/json", "audio/midi")]
    public async Task Accept_ChoosesBetweenMidiAndWav_HonouringQualityZero(string accept, string expected)
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { lengthSeconds = 1 });
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AcceptRefusingBothMidiAndWav_Is406_AndRecordsNothing()
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { lengthSeconds = 1 });
        request.Headers.TryAddWithoutValidation("Accept", "audio/midi;q=0, audio/wav;q=0");

        var response = await api.Http.SendAsync(request);
        var history = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history", user);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", await history.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WavWithoutASynthesizer_Is406_AndIsNotRecordedInTheHistory()
    {
        var user = await api.CreateUserAsync();
        api.WavRenderer.IsAvailable = false;
        HttpResponseMessage response;
        try
        {
            response = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music?format=wav", user, new { lengthSeconds = 1 });
        }
        finally
        {
            api.WavRenderer.IsAvailable = true;
        }
        var history = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history", user);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Recipe-Id"));
        Assert.Equal("[]", await history.Content.ReadAsStringAsync());
    }
}
