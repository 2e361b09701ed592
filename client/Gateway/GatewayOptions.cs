using CreativeGen.Grains.Hosting;

namespace CreativeGen.Client.Gateway;

/// <summary>The HTTP gateway: where it listens, which cluster it talks to, and its per-key rate limit.</summary>
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
}

/// <summary>Token bucket per API key (and per client address for registration).</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 20;

    public int Burst { get; set; } = 40;

    public int RegistrationsPerMinute { get; set; } = 60;
}
