using System.Text.Json.Serialization;
using CreativeGen.Client.Gateway.Audio;
using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.Client.Gateway.Operators;
using CreativeGen.Client.Gateway.RateLimiting;
using CreativeGen.Client.Gateway.Studio;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using OpenTelemetry.Metrics;

namespace CreativeGen.Client.Gateway;

/// <summary>
/// The HTTP gateway: an ASP.NET Core minimal API in front of the cluster, either with an embedded silo in the
/// same process (the default) or as an Orleans client of an external cluster.
/// </summary>
public static class GatewayApplication
{
    public const string PerKeyPolicy = "per-key";
    public const string RegistrationPolicy = "registration";

    /// <summary>The largest request body the gateway reads (every body is a small JSON object); larger ones get 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <param name="registerModels">Registers generators for the embedded silo; null: the shipped default models.</param>
    public static WebApplication Build(GatewayOptions options, Action<IServiceCollection>? registerModels = null)
    {
        options.Operator.Validate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddCluster(builder, options, registerModels);

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Kestrel refuses a body over the limit itself; say why.
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
                context.ProblemDetails.Detail ??= $"The request body is larger than {MaxRequestBodyBytes / 1024} KiB, the most this API reads.";
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // the web default reads "10" and "NaN" as numbers
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddRateLimiter(limiter => GatewayRateLimits.Configure(limiter, options.RateLimit));
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton<IWavRenderer, MidiWavRenderer>();
        builder.Services.TryAddSingleton<CreativeGen.Client.Gateway.Lyrics.GatewayLyrics>();
        builder.Services.AddSingleton(new ModelNames(options.Silo.Models));
        builder.Services.AddSingleton<OperatorAudit>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(CreativeGenMetrics.ExportedMeters)
            .AddPrometheusExporter());

        var trustedProxies = options.Proxy.ParseTrustedNetworks();
        var app = builder.Build();
        if (trustedProxies.Count > 0) app.UseForwardedHeaders(ForwardedFrom(trustedProxies));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseApiKeyAuthentication(); // before any endpoint reads a body
        app.UseOperatorAuthentication(options.Operator);
        app.MapOpenApi();
        // Probes and scrapers are not limited, so a busy client address never makes the gateway look down.
        app.MapPrometheusScrapingEndpoint().DisableRateLimiting();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).DisableRateLimiting()
            .WithName("Health").WithSummary("Liveness of the gateway.").WithTags("Operations");
        app.MapUserEndpoints();
        app.MapGenerationEndpoints();
        app.MapContentEndpoints();
        app.MapModelEndpoints(options.Silo.Models);
        app.MapOperatorEndpoints();
        app.MapPersonalEndpoints();
        app.MapExperienceEndpoints();
        app.MapStudio();
        return app;
    }

    /// <summary>Client address and scheme from the nearest trusted proxy's headers (one hop: the proxy in front of us).</summary>
    private static ForwardedHeadersOptions ForwardedFrom(IReadOnlyList<System.Net.IPNetwork> trusted)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        forwarded.KnownIPNetworks.Clear(); // the default trusts loopback only
        forwarded.KnownProxies.Clear();
        foreach (var network in trusted) forwarded.KnownIPNetworks.Add(network);
        return forwarded;
    }

    /// <summary>The address the started gateway listens on (useful with port 0).</summary>
    public static string ListeningUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static void AddCluster(WebApplicationBuilder builder, GatewayOptions options, Action<IServiceCollection>? registerModels)
    {
        var silo = options.Silo;
        if (options.Cluster is null)
        {
            builder.UseOrleans(orleans => orleans.AddCreativeGen(silo));
            if (registerModels is null) builder.Services.AddDefaultModels(silo.Models, silo.ModelDirectory);
            else registerModels(builder.Services);
            return;
        }
        builder.UseOrleansClient(client => ConfigureClusterClient(client, options.Cluster, silo));
        // A call whose grain dies with its silo must not wait out the response timeout (see InFlightGrainCalls).
        builder.Services.AddSingleton<Failover.InFlightGrainCalls>().AddSingleton<IOutgoingGrainCallFilter>(s => s.GetRequiredService<Failover.InFlightGrainCalls>());
        builder.Services.AddHostedService<Failover.DeadSiloWatcher>();
    }

    /// <summary>
    /// Joins an external cluster as a client: "localhost[:gatewayPort]" or a PostgreSQL connection string (ADO.NET
    /// clustering); the cluster id, service id and response timeout come from <paramref name="silo"/>.
    /// </summary>
    public static void ConfigureClusterClient(IClientBuilder client, string cluster, CreativeGenSiloOptions silo)
    {
        if (cluster.StartsWith("localhost", StringComparison.OrdinalIgnoreCase))
            client.UseLocalhostClustering(cluster.Split(':') is [_, var port] ? int.Parse(port) : silo.GatewayPort, silo.ServiceId, silo.ClusterId);
        else
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, cluster))
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(silo.ResponseTimeoutSeconds));
        silo.Tls.Validate(CreativeGenSiloOptions.Section);
        client.UseClusterTls(silo.Tls);
    }
}
