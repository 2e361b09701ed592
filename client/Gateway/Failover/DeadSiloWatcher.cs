namespace CreativeGen.Client.Gateway.Failover;

/// <summary>
/// Reads the cluster's membership once a second; when a silo is newly declared dead, it asks where each grain the
/// gateway is waiting on lives now, and breaks the calls whose grain is no longer active on a live silo, so that
/// their HTTP requests get a prompt 503 instead of waiting out the response timeout (see <see cref="InFlightGrainCalls"/>).
/// Calls to grains on live silos are left alone: the silos themselves break their calls into the dead one.
/// </summary>
public sealed class DeadSiloWatcher(IClusterClient cluster, InFlightGrainCalls calls, ILogger<DeadSiloWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? knownDead = null;
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var management = cluster.GetGrain<IManagementGrain>(0);
                var hosts = await management.GetHosts(onlyActive: false);
                var dead = hosts.Where(h => h.Value == SiloStatus.Dead).Select(h => h.Key).ToHashSet();
                var newlyDead = knownDead is null ? [] : dead.Except(knownDead).ToList();
                knownDead = dead;
                if (newlyDead.Count == 0) continue;
                var live = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key).ToHashSet();
                var broken = 0;
                foreach (var call in calls.Snapshot)
                {
                    var silo = await management.GetActivationAddress(cluster.GetGrain(call.Target));
                    if (silo is not null && live.Contains(silo)) continue;
                    call.Break();
                    broken++;
                }
                logger.LogWarning("Silo {Silos} declared dead; {Broken} of the gateway's calls in flight were waiting on grains that lived there and are answered 503",
                    string.Join(", ", newlyDead), broken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The cluster may be unreachable for a moment during a failover; the next tick tries again.
                logger.LogDebug(error, "Reading the cluster membership failed");
            }
        }
    }
}
