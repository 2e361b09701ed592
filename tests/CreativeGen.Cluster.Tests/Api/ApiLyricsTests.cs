using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NAudio.Midi;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiLyricsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task MusicWithLyrics_CarriesLyricEvents_AndItsLyricsResourceTimesTheWords()
    {
        var user = await api.CreateUserAsync();

        var created = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { lengthSeconds = 8, seed = 21, lyrics = true, theme = "sea", scheme = "aabb" });
        var midi = await created.Content.ReadAsByteArrayAsync();
        var recipeId = created.Headers.GetValues("X-Recipe-Id").Single();
        var link = created.Headers.GetValues("Link").Single();
        var lyrics = await api.SendAsync(HttpMethod.Get, $"/v1/content/{recipeId}/lyrics", user);
        var again = await api.SendAsync(HttpMethod.Get, $"/v1/content/{recipeId}", user);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains($"/v1/content/{recipeId}/lyrics", link);
        var file = new MidiFile(new MemoryStream(midi), strictChecking: true);
        var events = Enumerable.Range(0, file.Tracks).SelectMany(t => file.Events[t]).OfType<TextEvent>().Where(e => e.MetaEventType == MetaEventType.Lyric).ToArray();
        Assert.NotEmpty(events);
        Assert.Equal(HttpStatusCode.OK, lyrics.StatusCode);
        var document = await lyrics.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("aabb", document.GetProperty("scheme").GetString());
        Assert.Equal("sea", document.GetProperty("theme").GetString());
        var lines = document.GetProperty("lines").EnumerateArray().ToArray();
        Assert.NotEmpty(lines);
        Assert.Equal(events.Length, lines.Sum(l => l.GetProperty("syllables").GetArrayLength()));
        Assert.StartsWith("[ti:", document.GetProperty("lrc").GetString());
        Assert.Equal(midi, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MusicWithoutLyrics_HasNoLyricsResource_AndItsRecipeIdIsUnchanged()
    {
        var user = await api.CreateUserAsync();
        var plain = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { composer = "bach", lengthSeconds = 3, tempoBpm = 90, seed = 77 });
        var withWords = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { composer = "bach", lengthSeconds = 3, tempoBpm = 90, seed = 77, lyrics = true });
        var recipeId = plain.Headers.GetValues("X-Recipe-Id").Single();

        var lyrics = await api.SendAsync(HttpMethod.Get, $"/v1/content/{recipeId}/lyrics", user);

        Assert.Equal(HttpStatusCode.NotFound, lyrics.StatusCode);
        Assert.NotEqual(recipeId, withWords.Headers.GetValues("X-Recipe-Id").Single());
        Assert.False(plain.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("""{"lyrics":true,"scheme":"xyzzy"}""", "scheme")]
    [InlineData("""{"scheme":"abab"}""", "scheme")]
    [InlineData("""{"theme":"sea"}""", "theme")]
    [InlineData("""{"lyrics":true,"theme":"the deep sea"}""", "theme")]
    [InlineData("""{"lyrics":true,"theme":""}""", "theme")]
    public async Task BadLyricParameters_Are400NamingTheField(string body, string field)
    {
        var user = await api.CreateUserAsync();
        using var request = api.Request(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }
}
