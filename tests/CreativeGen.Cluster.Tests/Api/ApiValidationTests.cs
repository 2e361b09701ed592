using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiValidationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("music", """{"composer":"mozart"}""", "composer")]
    [InlineData("music", """{"lengthSeconds":-5}""", "lengthSeconds")]
    [InlineData("music", """{"lengthSeconds":1e12}""", "lengthSeconds")]
    [InlineData("music", """{"temperature":0}""", "temperature")]
    [InlineData("music", """{"temperature":1e-300}""", "temperature")]
    [InlineData("music", """{"temperature":0.049}""", "temperature")]
    [InlineData("music", """{"lengthSeconds":1e-320}""", "lengthSeconds")]
    [InlineData("music", """{"lengthSeconds":0.99}""", "lengthSeconds")]
    [InlineData("music", """{"topK":100000}""", "topK")]
    [InlineData("landscapes", """{"category":"desert"}""", "category")]
    [InlineData("landscapes", """{"resolution":100000}""", "resolution")]
    [InlineData("landscapes", """{"truncation":7}""", "truncation")]
    public async Task AbsurdGenerationParameters_Are400NamingTheField(string resource, string body, string field)
    {
        var user = await api.CreateUserAsync();

        var response = await PostRawAsync($"/v1/users/{user.UserId}/{resource}", user, body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Theory]
    [InlineData("{\"lengthSeconds\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"lenghtSeconds\": 10}")]
    [InlineData("{\"lengthSeconds\": \"long\"}")]
    [InlineData("{\"lengthSeconds\": \"10\"}")]
    [InlineData("{\"seed\": \"7\"}")]
    [InlineData("{\"temperature\": \"NaN\"}")]
    public async Task BrokenJson_Is400SayingWhatIsWrong(string body)
    {
        var user = await api.CreateUserAsync();

        var response = await PostRawAsync($"/v1/users/{user.UserId}/music", user, body);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"music":{"composers":["nobody"],"minTempoBpm":80,"maxTempoBpm":120,"lengthSeconds":10,"temperature":1},"landscapes":{"categories":[],"truncation":0.5}}""", "music.composers")]
    [InlineData("""{"music":{"composers":[],"minTempoBpm":150,"maxTempoBpm":120,"lengthSeconds":10,"temperature":1},"landscapes":{"categories":[],"truncation":0.5}}""", "music.minTempoBpm")]
    [InlineData("""{"music":{"composers":[],"minTempoBpm":80,"maxTempoBpm":120,"lengthSeconds":-1,"temperature":1},"landscapes":{"categories":[],"truncation":0.5}}""", "music.lengthSeconds")]
    [InlineData("""{"music":{"composers":[],"minTempoBpm":80,"maxTempoBpm":120,"lengthSeconds":10,"temperature":1},"landscapes":{"categories":["moon"],"truncation":0.5}}""", "landscapes.categories")]
    [InlineData("""{"music":{"composers":[],"minTempoBpm":80,"maxTempoBpm":120,"lengthSeconds":10,"temperature":1e-300},"landscapes":{"categories":[],"truncation":0.5}}""", "music.temperature")]
    [InlineData("""{"music":{"composers":[],"minTempoBpm":80,"maxTempoBpm":120,"lengthSeconds":1e-320,"temperature":1},"landscapes":{"categories":[],"truncation":0.5}}""", "music.lengthSeconds")]
    [InlineData("""{}""", "preferences")]
    public async Task AbsurdPreferences_Are400NamingTheField(string body, string field)
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Put, $"/v1/users/{user.UserId}/preferences", user);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var problem = await AssertProblemAsync(await api.Http.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task NumbersSentAsStrings_AreRefusedInPreferences()
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Put, $"/v1/users/{user.UserId}/preferences", user);
        request.Content = new StringContent("""{"music":{"composers":[],"minTempoBpm":"80","maxTempoBpm":120,"lengthSeconds":10,"temperature":1},"landscapes":{"categories":[],"truncation":0.5}}""",
            Encoding.UTF8, "application/json");

        var problem = await AssertProblemAsync(await api.Http.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefusedParameters_LeaveNoTraceInTheHistory()
    {
        var user = await api.CreateUserAsync();

        foreach (var body in new[] { """{"temperature":1e-300}""", """{"lengthSeconds":1e-320}""", """{"lengthSeconds":"10"}""" })
            await AssertProblemAsync(await PostRawAsync($"/v1/users/{user.UserId}/music", user, body), HttpStatusCode.BadRequest);
        var history = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history", user);

        Assert.Equal("[]", await history.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("mp3")]
    [InlineData("ogg")]
    public async Task UnknownFormat_Is400NamingFormatAndTheAllowedValues(string format)
    {
        var user = await api.CreateUserAsync();

        var response = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music?format={format}", user, new { lengthSeconds = 1 });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty("format").ToString();
        Assert.Contains("midi", errors);
        Assert.Contains("wav", errors);
    }

    [Fact]
    public async Task OversizedBodyWithoutAKey_Is401_NotParsed()
    {
        var owner = await api.CreateUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{owner.UserId}/music")
        {
            Content = new StringContent(new string('x', 10 * 1024 * 1024), Encoding.UTF8, "application/json"), // not even JSON
        };
        request.Headers.ExpectContinue = true; // as curl sends a large body: the body follows only if the server reads it

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBodyWithAKey_Is413()
    {
        var user = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user);
        request.Content = new StringContent("{\"composer\":\"" + new string('x', 10 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        request.Headers.ExpectContinue = true;

        var response = await api.Http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=100000")]
    [InlineData("?limit=-3")]
    [InlineData("?limit=many")]
    public async Task BadHistoryLimit_Is400(string query)
    {
        var user = await api.CreateUserAsync();

        await AssertProblemAsync(await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/history{query}", user), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("mus_000000000000000000000000", 9)]
    [InlineData("../../etc/passwd", 3)]
    public async Task BadRating_Is400(string recipeId, int stars)
    {
        var user = await api.CreateUserAsync();

        await AssertProblemAsync(await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/ratings", user, new { recipeId, stars }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MalformedAndUnknownRecipeIds_Are400And404()
    {
        var user = await api.CreateUserAsync();

        await AssertProblemAsync(await api.SendAsync(HttpMethod.Get, "/v1/content/nonsense", user), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await api.SendAsync(HttpMethod.Get, "/v1/content/img_0123456789abcdef01234567", user), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, Client.Gateway.Endpoints.CreatedUser user, string body)
    {
        var request = api.Request(HttpMethod.Post, path, user);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return api.Http.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
