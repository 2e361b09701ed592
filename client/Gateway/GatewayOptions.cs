using CreativeGen.Grains.Hosting;

namespace CreativeGen.Client.Gateway;

/// <summary>The HTTP gateway: where it listens, which cluster it talks to, and its rate limits.</summary>
public sealed class GatewayOptions
{
    /// <summary>Listening URL; port 0 picks a free port (see <see cref="GatewayApplication.ListeningUrl"/>).</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Null: run an embedded silo in this process (<see cref="Silo"/>). Otherwise the external cluster to join as
    /// a client: "localhost[:gatewayPort]" or a PostgreSQL connection string (ADO.NET clustering).
    /// </summary>
    public string? Cluster { get; set; }

    /// <summary>The embedded silo's settings; for an external cluster only ClusterId, ServiceId and the timeout apply.</summary>
    public CreativeGenSiloOptions Silo { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>Keys for /v1/operator (model swaps, training); none: that API refuses every call.</summary>
    public Operators.OperatorOptions Operator { get; set; } = new();
}

/// <summary>
/// Reverse proxies (ingress controllers, load balancers) whose X-Forwarded-For / X-Forwarded-Proto the gateway
/// believes. Without them, every request behind a proxy seems to come from the proxy, and the per-address rate
/// limit becomes one limit for everybody. Bound from the section CreativeGen:Proxy by `serve`.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "CreativeGen:Proxy";

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/8" (empty: forwarded headers are ignored).</summary>
    public string[] TrustedNetworks { get; set; } = [];

    /// <summary>The trusted networks parsed; throws <see cref="ArgumentException"/> naming an entry that is not CIDR notation.</summary>
    public IReadOnlyList<System.Net.IPNetwork> ParseTrustedNetworks() =>
        [.. TrustedNetworks.Select(text => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new ArgumentException($"Proxy:TrustedNetworks: '{text}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."))];
}

/// <summary>
/// Token buckets per client address (every API request, checked before the API key) and per API key, and a
/// fixed window per client address for registration. Bound from the section CreativeGen:RateLimit by `serve`.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "CreativeGen:RateLimit";

    /// <summary>Requests per second per API key (the key as sent).</summary>
    public int PermitsPerSecond { get; set; } = 20;

    public int Burst { get; set; } = 40;

    public int RegistrationsPerMinute { get; set; } = 60;

    /// <summary>
    /// Requests per second per client address (IPv6: per /64), whatever the key, so that a client cycling through
    /// made-up keys is limited too; 0 turns it off. Generous because many users can share one address (a NAT).
    /// Behind a reverse proxy or load balancer every request comes from the proxy's address: the forwarded-headers
    /// middleware (UseForwardedHeaders, the proxy among its known proxies) must then supply the client's address,
    /// otherwise this becomes one limit shared by everybody.
    /// </summary>
    public int PermitsPerSecondPerAddress { get; set; } = 500;

    /// <summary>At least one second's worth (<see cref="PermitsPerSecondPerAddress"/>) is allowed in a burst.</summary>
    public int BurstPerAddress { get; set; } = 1000;
}
