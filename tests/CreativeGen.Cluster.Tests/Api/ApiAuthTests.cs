using System.Net;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiAuthTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task CreateUser_IssuesAKeyThatWorks()
    {
        var user = await api.CreateUserAsync();

        var response = await api.SendAsync(HttpMethod.Get, $"/v1/users/{user.UserId}/preferences", user);

        Assert.Matches("^[0-9a-f]{32}$", user.UserId);
        Assert.StartsWith($"cg_{user.UserId}_", user.ApiKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("cg_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MissingOrWrongKey_Is401WithProblemDetails(string? key)
    {
        var owner = await api.CreateUserAsync();
        var request = api.Request(HttpMethod.Get, $"/v1/users/{owner.UserId}/history", null);
        if (key is not null) request.Headers.Add("X-Api-Key", key);

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ValidKeyWithAnotherUsersSecret_Is401()
    {
        var owner = await api.CreateUserAsync();
        var forged = owner.ApiKey[..^4] + (owner.ApiKey.EndsWith("AAAA") ? "BBBB" : "AAAA");
        var request = api.Request(HttpMethod.Get, $"/v1/users/{owner.UserId}/preferences", null);
        request.Headers.Add("X-Api-Key", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task KeyOfUserA_OnUserBsResources_Is403()
    {
        var a = await api.CreateUserAsync();
        var b = await api.CreateUserAsync();
        var music = await api.SendAsync(HttpMethod.Post, $"/v1/users/{b.UserId}/music", b, new { lengthSeconds = 2 });
        var recipeId = music.Headers.GetValues("X-Recipe-Id").Single();

        var statuses = new[]
        {
            (await api.SendAsync(HttpMethod.Get, $"/v1/users/{b.UserId}/preferences", a)).StatusCode,
            (await api.SendAsync(HttpMethod.Put, $"/v1/users/{b.UserId}/preferences", a, new { })).StatusCode,
            (await api.SendAsync(HttpMethod.Post, $"/v1/users/{b.UserId}/music", a)).StatusCode,
            (await api.SendAsync(HttpMethod.Post, $"/v1/users/{b.UserId}/landscapes", a)).StatusCode,
            (await api.SendAsync(HttpMethod.Get, $"/v1/users/{b.UserId}/history", a)).StatusCode,
            (await api.SendAsync(HttpMethod.Post, $"/v1/users/{b.UserId}/ratings", a, new { recipeId, stars = 1 })).StatusCode,
            (await api.SendAsync(HttpMethod.Get, $"/v1/content/{recipeId}", a)).StatusCode,
        };

        Assert.Equal(HttpStatusCode.OK, music.StatusCode);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
    }
}
