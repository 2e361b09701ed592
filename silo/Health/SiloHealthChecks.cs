using CreativeGen.Grains.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreativeGen.Silo.Health;

/// <summary>
/// What Kubernetes' startup and readiness probes ask (/healthz/ready): this silo is an active cluster member,
/// PostgreSQL answers (when clustering or storage uses it) and, on a model host, the default models load on the
/// configured device. /healthz stays a bare liveness answer, so a slow database never gets a silo restarted.
/// </summary>
public static class SiloHealthChecks
{
    private const string Ready = "ready";

    public static IServiceCollection AddSiloHealthChecks(this IServiceCollection services, CreativeGenSiloOptions options)
    {
        var checks = services.AddHealthChecks().AddCheck<OrleansMembershipCheck>("orleans", tags: [Ready]);
        if (options.UsesPostgres)
            checks.AddNpgSql(options.ConnectionString!, name: "postgresql", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        if (options.ModelHost)
            checks.Add(new HealthCheckRegistration("models", _ => new DefaultModelsCheck(options.ModelDirectory), HealthStatus.Unhealthy, [Ready]));
        return services;
    }

    public static void MapSiloHealthChecks(this WebApplication app, CreativeGenSiloOptions options)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok", modelHost = options.ModelHost }));
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
    }
}
