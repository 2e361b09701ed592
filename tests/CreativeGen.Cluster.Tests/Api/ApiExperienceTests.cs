using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiExperienceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Experience_MatchesTheSongToThePicture_AndItsPartsRegenerateByteIdentically()
    {
        var user = await api.CreateUserAsync();

        var created = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/experiences", user, new { theme = "Snow falling on the peaks", mood = "dramatic", seed = 7 });
        var view = await Json(created);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = view.GetProperty("experienceId").GetString()!;
        Assert.Matches("^exp_[0-9a-f]{24}$", id);
        Assert.Equal($"/v1/users/{user.UserId}/experiences/{id}", created.Headers.Location!.ToString());
        var match = view.GetProperty("match");
        Assert.Equal("glacier", match.GetProperty("category").GetString()); // "snow" comes before "peaks"
        var picture = view.GetProperty("picture");
        var song = view.GetProperty("song");
        Assert.Equal("glacier", picture.GetProperty("recipe").GetProperty("landscape").GetProperty("category").GetString());
        // Glacier 56-80 bpm, dramatic x1.15 = 64.4-92; within the default 80-132: 80-92.
        var tempo = song.GetProperty("recipe").GetProperty("music").GetProperty("tempoBpm").GetDouble();
        Assert.InRange(tempo, 80, 92);
        Assert.Equal(tempo, match.GetProperty("tempoBpm").GetDouble());
        // The song is sung: its recipe asks for words themed on the scene, served as the song's lyrics resource.
        var lyricsView = view.GetProperty("lyrics");
        Assert.Equal(song.GetProperty("recipeId").GetString(), lyricsView.GetProperty("recipeId").GetString());
        var words = await Json(await api.SendAsync(HttpMethod.Get, lyricsView.GetProperty("url").GetString()!, user));
        Assert.Equal("glacier", words.GetProperty("theme").GetString());
        Assert.StartsWith("[ti:", words.GetProperty("lrc").GetString());
        Assert.NotEmpty(words.GetProperty("text").GetString()!);

        var (pictureBytes, songBytes) = (await Bytes(picture.GetProperty("url").GetString()!, user), await Bytes(song.GetProperty("url").GetString()!, user));
        var again = await Json(await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/experiences/{id}", user));
        Assert.Equal(view.GetRawText(), again.GetRawText());
        Assert.Equal(pictureBytes, await Bytes(again.GetProperty("picture").GetProperty("url").GetString()!, user));
        Assert.Equal(songBytes, await Bytes(again.GetProperty("song").GetProperty("url").GetString()!, user));
        Assert.Equal("MThd"u8.ToArray(), songBytes[..4]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], pictureBytes[..4]);

        // The parts are ordinary results: in the history, rateable on their own.
        var history = await Json(await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history", user));
        Assert.Equal(2, history.GetArrayLength());
    }

    [Fact]
    public async Task SameWishAndSeed_ForTwoNewUsers_GivesTheSameExperience()
    {
        var (first, second) = (await api.CreateUserAsync(), await api.CreateUserAsync());
        var wish = new { theme = "a quiet wood", seed = 99 };

        var a = await Json(await api.SendAsync(HttpMethod.Post, $"/v1/users/{first.UserId}/experiences", first, wish));
        var b = await Json(await api.SendAsync(HttpMethod.Post, $"/v1/users/{second.UserId}/experiences", second, wish));

        Assert.Equal(a.GetProperty("experienceId").GetString(), b.GetProperty("experienceId").GetString());
        Assert.Equal("forest", a.GetProperty("match").GetProperty("category").GetString());
        Assert.Equal(await Bytes(a.GetProperty("song").GetProperty("url").GetString()!, first), await Bytes(b.GetProperty("song").GetProperty("url").GetString()!, second));
    }

    [Fact]
    public async Task Rating_IsStored_AndListed()
    {
        var user = await api.CreateUserAsync();
        var id = (await Json(await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/experiences", user))).GetProperty("experienceId").GetString();

        var rated = await api.SendAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/experiences/{id}/rating", user, new { stars = 5 });
        var list = await Json(await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/experiences", user));

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(5, (await Json(rated)).GetProperty("rating").GetInt32());
        Assert.Equal(id, list[0].GetProperty("experienceId").GetString());
        Assert.Equal(5, list[0].GetProperty("rating").GetInt32());
    }

    [Theory]
    [InlineData("{\"mood\":\"furious\"}", "mood", "Unknown mood 'furious'")]
    [InlineData("{\"theme\":\"line one\\nline two\"}", "theme", "one line")]
    [InlineData("{\"theme\":7}", "theme", null)]
    public async Task BadWishes_Get400NamingTheField(string body, string field, string? says)
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Post, $"/v1/users/{user.UserId}/experiences", user);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await api.Http.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, problem, StringComparison.OrdinalIgnoreCase);
        if (says is not null) Assert.Contains(says, problem);
    }

    [Fact]
    public async Task ThemeTooLong_MalformedOrUnknownIds_AndOtherUsers_AreRefusedClearly()
    {
        var (user, other) = (await api.CreateUserAsync(), await api.CreateUserAsync());
        var longTheme = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/experiences", user, new { theme = new string('a', 201) });
        var malformed = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/experiences/mus_1", user);
        var unknown = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/experiences/exp_{new string('0', 24)}", user);
        var rateUnknown = await api.SendAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/experiences/exp_{new string('0', 24)}/rating", user, new { stars = 3 });
        var foreign = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/experiences", other);

        Assert.Equal(HttpStatusCode.BadRequest, longTheme.StatusCode);
        Assert.Contains("at most 200", await longTheme.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("experienceId", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rateUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task StudioPage_IsServedAtTheRoot_WithItsScripts()
    {
        var page = await api.Http.GetAsync("/");
        var script = await api.Http.GetAsync("/studio/studio.js");
        var missing = await api.Http.GetAsync("/studio/nothing.js");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>CreativeGen Studio</title>", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var revalidated = api.Request(HttpMethod.Get, "/studio/studio.js", null);
        revalidated.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await api.Http.SendAsync(revalidated)).StatusCode);
    }

    private async Task<byte[]> Bytes(string url, Client.Gateway.Endpoints.CreatedUser user)
    {
        var response = await api.SendAsync(HttpMethod.Get, url, user);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
