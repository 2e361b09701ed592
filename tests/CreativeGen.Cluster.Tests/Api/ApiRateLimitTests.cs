using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CreativeGen.Client.Gateway;
using CreativeGen.Client.Gateway.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiRateLimitTests(ApiFixture api, AddressLimitedApiFixture limitedApi)
    : IClassFixture<ApiFixture>, IClassFixture<AddressLimitedApiFixture>
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
        foreach (var response in limited)
        {
            var (limit, detail) = await ReadLimitAsync(response);
            Assert.Equal(GatewayRateLimits.PerKeyLimit, limit);
            Assert.Contains("per API key", detail);
        }
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task MadeUpKeysFromOneAddress_Are429PerAddress_OnceItsBudgetIsSpent_BeforeAnyUserGrainIsAsked()
    {
        // Well-formed keys of users that do not exist: each would cost a user-grain activation to refuse.
        var madeUp = Enumerable.Range(0, 40).Select(_ => MadeUpKey()).ToList();

        var responses = await Task.WhenAll(madeUp.Select(key =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{key.UserId}/history");
            request.Headers.Add("X-Api-Key", key.ApiKey);
            return limitedApi.Http.SendAsync(request);
        }));
        var asked = limitedApi.AuthenticatedUserIds.ToHashSet();

        var answered = madeUp.Zip(responses, (key, response) => (key.UserId, Response: response)).ToList();
        var unauthorized = answered.Where(a => a.Response.StatusCode == HttpStatusCode.Unauthorized).ToList();
        var limited = answered.Where(a => a.Response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(madeUp.Count, unauthorized.Count + limited.Count);
        Assert.InRange(unauthorized.Count, 10, madeUp.Count - 1); // the burst of 10, plus what refilled meanwhile (1/s)
        Assert.All(unauthorized, a => Assert.Contains(a.UserId, asked)); // a refused key did reach its user grain ...
        Assert.All(limited, a => Assert.DoesNotContain(a.UserId, asked)); // ... a rate-limited one never did
        Assert.True(limited[0].Response.Headers.RetryAfter is not null, "429 carries Retry-After");
        foreach (var (_, response) in limited)
        {
            var (limit, detail) = await ReadLimitAsync(response);
            Assert.Equal(GatewayRateLimits.PerAddressLimit, limit);
            Assert.Contains("per client address", detail);
        }

        // The budget is spent (a refill of 1/s cannot pass 20 at once), yet probes and scrapes still answer.
        var probes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => limitedApi.Http.GetAsync(i % 4 == 0 ? "/metrics" : "/healthz")));
        Assert.All(probes, probe => Assert.Equal(HttpStatusCode.OK, probe.StatusCode));
    }

    [Fact]
    public async Task MadeUpKey_LeavesNoUserGrainActivationBehind()
    {
        var (userId, apiKey) = MadeUpKey();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/history");
        request.Headers.Add("X-Api-Key", apiKey);

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(userId, api.AuthenticatedUserIds);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await api.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Any(g => g.GrainId.Key.ToString() == userId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the made-up user's grain is still active after 10 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void ZeroPermitsPerAddress_TurnsTheAddressLimitOff()
    {
        var off = new RateLimiterOptions();
        var on = new RateLimiterOptions();

        GatewayRateLimits.Configure(off, new RateLimitOptions { PermitsPerSecondPerAddress = 0 });
        GatewayRateLimits.Configure(on, new RateLimitOptions());

        Assert.Null(off.GlobalLimiter);
        Assert.NotNull(on.GlobalLimiter);
    }

    /// <summary>A well-formed key of a user that does not exist (refusing it costs a user-grain call).</summary>
    internal static (string UserId, string ApiKey) MadeUpKey()
    {
        var userId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (userId, $"cg_{userId}_{secret}");
    }

    private static async Task<(string? Limit, string? Detail)> ReadLimitAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("limit").GetString(), problem.GetProperty("detail").GetString());
    }
}

/// <summary>The API fixture with a small budget per client address: bursts of 10, then 1 request per second.</summary>
public sealed class AddressLimitedApiFixture : ApiFixture
{
    protected override void ConfigureRateLimits(RateLimitOptions limits) =>
        (limits.PermitsPerSecondPerAddress, limits.BurstPerAddress) = (1, 10);
}
