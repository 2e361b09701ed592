using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Personal;
using CreativeGen.GrainInterfaces.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Operators;

/// <summary>
/// GET /v1/operator/cluster: the silos in the membership table and on which silo each model-bound grain (model
/// grains, training coordinators, personal landscape models) is active now. It reads Orleans' management grain and
/// activates nothing, so an operator (or the failover bench) can check that after a silo dies those grains came
/// back only on surviving model hosts.
/// </summary>
public static class OperatorClusterView
{
    public static RouteGroupBuilder MapOperatorClusterView(this RouteGroupBuilder group)
    {
        group.MapGet("/cluster", GetAsync).WithName("GetClusterPlacement")
            .WithSummary("Silos and their status, and the silo each model, training coordinator and personal model grain is active on.");
        return group;
    }

    private static async Task<Ok<ClusterPlacement>> GetAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false);
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        // Grain types as the cluster names them, from references (making a reference calls nothing).
        var kinds = new Dictionary<GrainType, string>
        {
            [grains.GetGrain<IMusicModelGrain>("-").GetGrainId().Type] = "music-model",
            [grains.GetGrain<ILandscapeModelGrain>("-").GetGrainId().Type] = "landscape-model",
            [grains.GetGrain<ITrainingCoordinatorGrain>("-").GetGrainId().Type] = "training-coordinator",
            [grains.GetGrain<IPersonalLandscapeGrain>("-").GetGrainId().Type] = "personal-landscape",
        };
        var statistics = active.Length == 0 ? [] : await management.GetDetailedGrainStatistics(hostsIds: active);
        var activations = statistics
            .Where(s => kinds.ContainsKey(s.GrainId.Type))
            .Select(s => new GrainPlacement(kinds[s.GrainId.Type], s.GrainId.Key.ToString()!, s.SiloAddress.Endpoint.ToString()))
            .OrderBy(p => p.Kind, StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();
        var silos = members
            .OrderBy(m => m.SiloAddress.Endpoint.Port)
            .Select(m => new SiloMember(m.SiloAddress.Endpoint.ToString(), m.SiloAddress.ToString(), m.SiloName, m.Status.ToString(), m.StartTime))
            .ToArray();
        return TypedResults.Ok(new ClusterPlacement(silos, activations));
    }
}

/// <summary>Answer to GET /v1/operator/cluster.</summary>
public sealed record ClusterPlacement(SiloMember[] Silos, GrainPlacement[] Activations);

/// <param name="Endpoint">"address:siloPort".</param>
/// <param name="Address">The full silo address (endpoint and generation: a restarted silo gets a new one).</param>
/// <param name="Status">Orleans' membership status (Active, ShuttingDown, Dead, ...).</param>
public sealed record SiloMember(string Endpoint, string Address, string Name, string Status, DateTime StartTime);

/// <param name="Kind">music-model, landscape-model, training-coordinator or personal-landscape.</param>
/// <param name="Key">The grain's key (model name or replica, user id).</param>
/// <param name="Silo">Endpoint of the silo the activation lives on.</param>
public sealed record GrainPlacement(string Kind, string Key, string Silo);
