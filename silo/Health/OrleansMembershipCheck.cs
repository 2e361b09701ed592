using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CreativeGen.Silo.Health;

/// <summary>Healthy once this silo is an active member of the cluster (it joined and takes grain calls).</summary>
public sealed class OrleansMembershipCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy("active cluster member")
            : HealthCheckResult.Unhealthy($"silo status {membership.CurrentStatus}"));
}
