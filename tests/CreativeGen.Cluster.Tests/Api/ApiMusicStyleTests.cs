using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CreativeGen.Client.Gateway.Endpoints;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiMusicStyleTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("""{"style":"jazz"}""", "style")]
    [InlineData("""{"style":"folk"}""", "style")]
    [InlineData("""{"style":"pop","key":"H major"}""", "key")]
    [InlineData("""{"style":"pop","key":"C lydian"}""", "key")]
    [InlineData("""{"key":"A minor"}""", "key")]
    [InlineData("""{"style":"pop","instruments":["flute","kazoo"]}""", "instruments")]
    [InlineData("""{"style":"pop","instruments":["flute","strings","piano","harp"]}""", "instruments")]
    [InlineData("""{"instruments":["flute","strings"]}""", "instruments")]
    [InlineData("""{"style":"pop","instruments":[]}""", "instruments")]
    [InlineData("""{"style":"pop","chords":["Am","Q7"]}""", "chords")]
    [InlineData("""{"chords":["Am"]}""", "chords")]
    [InlineData("""{"style":"pop","tempoBpm":1000}""", "tempoBpm")]
    public async Task BadStyleKeyInstrumentsChordsOrTempo_Are400NamingTheField(string body, string field)
    {
        var user = await api.CreateUserAsync();

        var response = await PostRawAsync($"/v1/users/{user.UserId}/music", user, body);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {text}");
        Assert.DoesNotContain("Exception", text); // no internals leak
    }

    [Fact]
    public async Task PopRequest_ReachesThePopModelWithKeyChordsAndInstruments_AndTheRecipeTellsKeysApart()
    {
        var user = await api.CreateUserAsync();
        var order = new { style = "POP", key = "a min", instruments = new[] { "Flute", "strings", "46" }, chords = new[] { "Am", "F", "C", "G7" }, tempoBpm = 90, seed = 5, lengthSeconds = 8 };

        var first = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, order);
        var other = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, order with { key = "C major" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var request = api.Models.PopGenerator.Requests.First(r => r.Seed == 5 && r.Key == "A minor");
        Assert.Equal(["flute", "strings", "46"], request.Instruments);
        Assert.Equal(["A:min", "F:maj", "C:maj", "G:7"], request.Chords);
        Assert.Equal(90, request.TempoBpm);
        Assert.NotEqual(first.Headers.GetValues("X-Recipe-Id").Single(), other.Headers.GetValues("X-Recipe-Id").Single());
    }

    [Fact]
    public async Task PopWithoutKey_DrawsOneFromTheSeed_SoTheRecipeNamesIt()
    {
        var user = await api.CreateUserAsync();

        var response = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { style = "pop", seed = 77, lengthSeconds = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = api.Models.PopGenerator.Requests.First(r => r.Seed == 77);
        Assert.NotNull(request.Key);
        Assert.Null(request.Instruments); // the model's default arrangement
    }

    [Fact]
    public async Task Models_ListStylesKeysInstrumentsAndThePopModel()
    {
        var user = await api.CreateUserAsync();

        var catalog = await (await api.SendAsync(HttpMethod.Get, "/v1/models", user)).Content.ReadFromJsonAsync<ModelCatalog>();

        Assert.Equal(["piano", "pop", "folk"], catalog!.MusicOptions.Styles);
        Assert.Equal(["piano", "pop"], catalog.MusicOptions.StylesWithModels);
        Assert.Equal(24, catalog.MusicOptions.Keys.Length);
        Assert.Contains("A minor", catalog.MusicOptions.Keys);
        Assert.Contains("flute", catalog.MusicOptions.Instruments);
        Assert.Equal(api.Models.PopGenerator.ModelVersion, catalog.Pop.Version);
        Assert.True(catalog.MusicOptions.MinTempoBpm < catalog.MusicOptions.MaxTempoBpm);
    }

    [Fact]
    public async Task Preferences_TakeStyleAndInstruments_AndRefuseUnknownOnes()
    {
        var user = await api.CreateUserAsync();
        var current = await (await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/preferences", user)).Content.ReadFromJsonAsync<JsonElement>();
        var music = JsonSerializer.Deserialize<Dictionary<string, object>>(current.GetProperty("music").GetRawText())!;
        music["style"] = "pop";
        music["instruments"] = new[] { "violin", "harp", "guitar" };
        var good = new { music, landscapes = current.GetProperty("landscapes") };
        music = new Dictionary<string, object>(music) { ["instruments"] = new[] { "violin", "theremin" } };
        var bad = new { music, landscapes = current.GetProperty("landscapes") };

        var accepted = await api.SendAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/preferences", user, good);
        var refused = await api.SendAsync(HttpMethod.Put, $"/v1/users/{user.UserId}/preferences", user, bad);
        var composed = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { seed = 91, lengthSeconds = 5 });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("music.instruments", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        var request = api.Models.PopGenerator.Requests.First(r => r.Seed == 91); // the preferred style picked the pop model
        Assert.Equal(["violin", "harp", "guitar"], request.Instruments);
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, CreatedUser user, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        return api.Http.SendAsync(request);
    }
}
