using System.Net;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiRateLimitTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task BurstBeyondTheLimit_Is429_ForThatKeyOnly()
    {
        var greedy = await api.CreateUserAsync();
        var modest = await api.CreateUserAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(_ => api.SendAsync(HttpMethod.Get, $"/v1/users/{greedy.UserId}/preferences", greedy)));
        var other = await api.SendAsync(HttpMethod.Get, $"/v1/users/{modest.UserId}/preferences", modest);

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(statuses.Count(r => r.StatusCode == HttpStatusCode.OK), 20, 59); // the burst, plus what refilled meanwhile (5/s)
        Assert.NotEmpty(limited);
        Assert.True(limited[0].Headers.RetryAfter is not null, "429 carries Retry-After");
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
