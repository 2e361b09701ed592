using System.Globalization;
using CreativeGen.Client.Gateway.Operators;

namespace CreativeGen.Bench.Cluster.Failover;

/// <summary>
/// The numbers of one failover run; times are seconds from the kill.
/// </summary>
/// <param name="RecoveredAfter">When the last failed (or hung) request ended; from then on every request succeeded. 0: none failed.</param>
/// <param name="FirstMusicOkAfter">When the first music request sent after the kill was answered.</param>
/// <param name="FirstLandscapeOkAfter">When the first landscape request sent after the kill was answered.</param>
/// <param name="DeclaredDeadAfter">When the membership table marked the killed silo Dead (null: not while the load ran).</param>
/// <param name="ModelGrainsElsewhere">Model grain activations after the run that are not on the surviving model host.</param>
/// <param name="ClientGateways">Which silos took client connections: "plain silo only" or "every silo".</param>
public sealed record FailoverReport(
    string ClientGateways, string Killed, string Survivor, double StartupSeconds, int Requests, int Ok, int FailedClean, int FailedUnclean, int Hung,
    int FailedBeforeKill, double? RecoveredAfter, double? FirstMusicOkAfter, double? FirstLandscapeOkAfter, double? DeclaredDeadAfter,
    double OkPerSecondBefore, double OkPerSecondAfterRecovery, int AcknowledgedWrites, int LostWrites, string[] LostDetails,
    GrainPlacement[] PlacementAfter, string[] ModelGrainsElsewhere, string[] FailureSamples)
{
    public static FailoverReport From(IReadOnlyList<RequestRecord> records, int acknowledged, IReadOnlyList<string> lost, double killedAt,
        double? declaredDead, double startup, ClusterPlacement placement, string survivorEndpoint, string killed, string survivor, string clientGateways)
    {
        var failures = records.Where(r => r.Outcome != Outcome.Ok).ToList();
        var afterKill = records.Where(r => r.Ended >= killedAt).ToList();
        var lastFailure = afterKill.Where(r => r.Outcome != Outcome.Ok).Select(r => r.Ended - killedAt).DefaultIfEmpty(0).Max();
        double? FirstOk(string kind) => records.Where(r => r.Kind == kind && r.Outcome == Outcome.Ok && r.Started >= killedAt)
            .Select(r => (double?)(r.Ended - killedAt)).Min();
        var end = records.Count == 0 ? killedAt : records.Max(r => r.Ended);
        var recoveredAt = killedAt + lastFailure;
        var modelKinds = new[] { "music-model", "landscape-model" };
        return new FailoverReport(clientGateways, killed, survivor, Math.Round(startup, 1), records.Count,
            records.Count(r => r.Outcome == Outcome.Ok), records.Count(r => r.Outcome == Outcome.Problem),
            records.Count(r => r.Outcome == Outcome.Unclean), records.Count(r => r.Outcome == Outcome.Hung),
            failures.Count(r => r.Ended < killedAt), Round(lastFailure), Round(FirstOk("music")), Round(FirstOk("landscape")), Round(declaredDead),
            Rate(records, 0, killedAt), Rate(records, recoveredAt, end), acknowledged, lost.Count, [.. lost.Take(20)],
            placement.Activations,
            [.. placement.Activations.Where(a => modelKinds.Contains(a.Kind) && a.Silo != survivorEndpoint).Select(a => $"{a.Kind} {a.Key} on {a.Silo}")],
            [.. failures.Select(f => $"{f.Kind} {f.Status} {f.Outcome}: {f.Detail}").Distinct().Take(5)]);
    }

    /// <summary>What makes the run a failure (the script's exit code).</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (FailedUnclean > 0) problems.Add($"{FailedUnclean} requests failed without clean problem details (or leaked internals)");
            if (Hung > 0) problems.Add($"{Hung} requests got no answer in time");
            if (LostWrites > 0) problems.Add($"{LostWrites} acknowledged writes were lost: {string.Join("; ", LostDetails)}");
            if (FirstMusicOkAfter is null || FirstLandscapeOkAfter is null) problems.Add("music or landscape never answered again after the kill");
            if (!PlacementAfter.Any(a => a.Kind == "music-model")) problems.Add("no music model grain is active after the run");
            if (ModelGrainsElsewhere.Length > 0) problems.Add($"model grains not on the surviving model host: {string.Join("; ", ModelGrainsElsewhere)}");
            if (FailedBeforeKill > 0) problems.Add($"{FailedBeforeKill} requests failed before the kill");
            return problems;
        }
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"| {ClientGateways} | {Requests} | {Ok} | {FailedClean} | {FailedUnclean + Hung} | {DeclaredDeadAfter?.ToString("F1") ?? "-"} | {RecoveredAfter:F1} | {FirstMusicOkAfter?.ToString("F1") ?? "-"} | {FirstLandscapeOkAfter?.ToString("F1") ?? "-"} | {OkPerSecondBefore:F2} / {OkPerSecondAfterRecovery:F2} | {LostWrites} of {AcknowledgedWrites} | {(ModelGrainsElsewhere.Length == 0 ? "only " + Survivor : "ELSEWHERE")} |");

    public const string SummaryHeader =
        "| client gateways | requests | ok | failed (problem details) | unclean or hung | declared dead s | recovered s | first music s | first landscape s | ok/s before / after | writes lost | model grains after |";

    private static double Rate(IReadOnlyList<RequestRecord> records, double from, double to) =>
        to - from < 1 ? 0 : Math.Round(records.Count(r => r.Outcome == Outcome.Ok && r.Ended >= from && r.Ended < to) / (to - from), 2);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
