using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CreativeGen.Client.Gateway.Audio;
using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
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

    /// <param name="registerModels">Registers generators for the embedded silo; null: the shipped default models.</param>
    public static WebApplication Build(GatewayOptions options, Action<IServiceCollection>? registerModels = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddCluster(builder, options, registerModels);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddRateLimiter(limiter => ConfigureRateLimits(limiter, options.RateLimit));
        builder.Services.AddOpenApi();
        builder.Services.TryAddSingleton<IWavRenderer, MidiWavRenderer>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(CreativeGenMetrics.ExportedMeters)
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint();
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithSummary("Liveness of the gateway.").WithTags("Operations");
        app.MapUserEndpoints();
        app.MapGenerationEndpoints();
        app.MapContentEndpoints();
        return app;
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
        var cluster = options.Cluster;
        builder.UseOrleansClient(client =>
        {
            if (cluster.StartsWith("localhost", StringComparison.OrdinalIgnoreCase))
                client.UseLocalhostClustering(cluster.Split(':') is [_, var port] ? int.Parse(port) : silo.GatewayPort, silo.ServiceId, silo.ClusterId);
            else
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, cluster))
                    .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(silo.ResponseTimeoutSeconds));
        });
    }

    private static void ConfigureRateLimits(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, token) =>
        {
            var http = context.HttpContext;
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"Rate limit: {limits.PermitsPerSecond} requests per second per API key (bursts of {limits.Burst}). Retry later.",
                },
            });
        };
        limiter.AddPolicy(PerKeyPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
            ApiKeyAuthentication.ReadKey(context) ?? "ip:" + context.Connection.RemoteIpAddress,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = limits.PermitsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
        limiter.AddPolicy(RegistrationPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            "ip:" + context.Connection.RemoteIpAddress,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RegistrationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
