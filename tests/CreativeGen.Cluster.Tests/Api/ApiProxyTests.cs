using System.Net;
using CreativeGen.Client.Gateway;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>Behind a trusted proxy the per-address limit counts each forwarded client apart; otherwise it ignores X-Forwarded-For.</summary>
public sealed class ApiProxyTests(TrustedProxyApiFixture proxied, AddressLimitedApiFixture direct)
    : IClassFixture<TrustedProxyApiFixture>, IClassFixture<AddressLimitedApiFixture>
{
    [Fact]
    public async Task ClientsBehindATrustedProxy_EachHaveTheirOwnAddressBudget()
    {
        var first = await SendAsync(proxied, "203.0.113.7", 15);
        var second = await SendAsync(proxied, "198.51.100.9", 5);

        Assert.Contains(HttpStatusCode.TooManyRequests, first);   // the first client spent its burst of 10
        Assert.All(second, status => Assert.Equal(HttpStatusCode.Unauthorized, status)); // the second still has its own
    }

    [Fact]
    public async Task WithoutATrustedProxy_ForwardedAddressesAreIgnored()
    {
        await SendAsync(direct, "203.0.113.7", 15);
        var second = await SendAsync(direct, "198.51.100.9", 5);

        // Both "clients" are 127.0.0.1: one budget, already spent (it refills at 1 request a second).
        Assert.True(second.Count(s => s == HttpStatusCode.TooManyRequests) >= 3, string.Join(", ", second));
    }

    [Fact]
    public void TrustedNetworks_NotInCidrNotation_AreRefusedNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProxyOptions { TrustedNetworks = ["10.0.0.0/8", "ingress"] }.ParseTrustedNetworks());

        Assert.Contains("'ingress'", error.Message);
    }

    /// <summary>Requests with made-up keys (401 unless rate-limited), as forwarded by a proxy for <paramref name="client"/>.</summary>
    private static async Task<HttpStatusCode[]> SendAsync(ApiFixture api, string client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var (userId, apiKey) = ApiRateLimitTests.MadeUpKey();
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/history");
            request.Headers.Add("X-Api-Key", apiKey);
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((await api.Http.SendAsync(request)).StatusCode);
        }
        return [.. statuses];
    }
}

/// <summary>The address-limited API with the loopback network trusted as a proxy (the tests play the proxy).</summary>
public sealed class TrustedProxyApiFixture : ApiFixture
{
    protected override void ConfigureRateLimits(RateLimitOptions limits) =>
        (limits.PermitsPerSecondPerAddress, limits.BurstPerAddress) = (1, 10);

    protected override void ConfigureProxy(ProxyOptions proxy) => proxy.TrustedNetworks = ["127.0.0.0/8"];
}
