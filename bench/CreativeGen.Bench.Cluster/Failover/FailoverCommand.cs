using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CreativeGen.Client.Gateway.Operators;
using CreativeGen.GrainInterfaces.Users;
using Npgsql;

namespace CreativeGen.Bench.Cluster.Failover;

/// <summary>
/// `failover`: two model-host silos, one plain silo and the gateway as separate processes on loopback with
/// PostgreSQL; real users generate and rate through the HTTP API while the model host serving the music model is
/// killed with SIGKILL. Measures failed requests, recovery time and lost user data, and checks where the model grains
/// came back. Exit code 0 only if nothing hung, every failure was clean problem details, nothing acknowledged was
/// lost, both model kinds answered again, and model grains live only on the surviving model host.
/// </summary>
public static class FailoverCommand
{
    public static Command Create()
    {
        var silo = new Option<string>("--silo") { Required = true, Description = "The silo program (CreativeGen.Silo.dll)." };
        var gateway = new Option<string>("--gateway") { Required = true, Description = "The gateway program (creativegen.dll)." };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (default: CREATIVEGEN_PG)." };
        var output = new Option<string>("--out") { Required = true, Description = "Folder for the logs and failover.json." };
        var users = new Option<int>("--users") { DefaultValueFactory = _ => 12, Description = "Concurrent users (1..64)." };
        var userRate = new Option<double>("--user-rate") { DefaultValueFactory = _ => 4, Description = "Most generations a second per user (0.1..20)." };
        var before = new Option<double>("--before") { DefaultValueFactory = _ => 15, Description = "Seconds of load before the kill." };
        var after = new Option<double>("--after") { DefaultValueFactory = _ => 45, Description = "Seconds of load after the kill." };
        var timeout = new Option<double>("--request-timeout") { DefaultValueFactory = _ => 30, Description = "Seconds after which a request counts as hung." };
        var modelHostGateways = new Option<bool>("--model-host-gateways")
        {
            Description = "Let clients connect to the model hosts too (by default only the plain silo takes client connections, so the gateway never loses its own connection when a model host dies).",
        };
        var command = new Command("failover", "Kill -9 a model-host silo under load and measure the failover (separate processes, PostgreSQL).")
        {
            silo, gateway, connection, output, users, userRate, before, after, timeout, modelHostGateways,
        };
        command.SetAction(async parse =>
        {
            var pg = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("CREATIVEGEN_PG");
            if (string.IsNullOrWhiteSpace(pg)) throw new ArgumentException("--connection or CREATIVEGEN_PG is required (a PostgreSQL the silos may create tables in).");
            var settings = new FailoverSettings(Path.GetFullPath(parse.GetValue(silo)!), Path.GetFullPath(parse.GetValue(gateway)!), pg,
                Path.GetFullPath(parse.GetValue(output)!), Math.Clamp(parse.GetValue(users), 1, 64),
                TimeSpan.FromSeconds(parse.GetValue(before)), TimeSpan.FromSeconds(parse.GetValue(after)), TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.GetValue(modelHostGateways), Math.Clamp(parse.GetValue(userRate), 0.1, 20));
            return await RunAsync(settings);
        });
        return command;
    }

    private static async Task<int> RunAsync(FailoverSettings s)
    {
        Directory.CreateDirectory(s.OutFolder);
        var clusterId = $"failover-{DateTime.UtcNow:yyyyMMddHHmmss}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";
        var operatorKey = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var clock = Stopwatch.StartNew();
        await using var cluster = new ClusterProcesses(s.SiloDll, s.GatewayDll, s.ConnectionString, clusterId, s.OutFolder, operatorKey);
        ClusterProcess[] silos =
        [
            cluster.StartSilo("model-host-a", modelHost: true, clientGateway: s.ModelHostGateways),
            cluster.StartSilo("model-host-b", modelHost: true, clientGateway: s.ModelHostGateways),
            cluster.StartSilo("silo-plain", modelHost: false, clientGateway: true),
        ];
        await Task.WhenAll(silos.Select(p => cluster.WaitReadyAsync(p, "/healthz/ready", TimeSpan.FromMinutes(3))));
        var gateway = cluster.StartGateway();
        await cluster.WaitReadyAsync(gateway, "/healthz", TimeSpan.FromMinutes(2));
        var startup = clock.Elapsed.TotalSeconds;
        Log($"client gateways on: {(s.ModelHostGateways ? "every silo" : "the plain silo only")}");
        Log($"cluster {clusterId} up in {startup:F1} s: {string.Join(", ", cluster.Started.Select(p => $"{p.Name} pid {p.Process.Id}" + (p.SiloPort > 0 ? $" silo port {p.SiloPort}" : "")))}");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}"), Timeout = Timeout.InfiniteTimeSpan };
        using var operatorHttp = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        operatorHttp.DefaultRequestHeaders.Add(OperatorAuthentication.OperatorKeyHeader, operatorKey);
        var load = new FailoverLoad(http, s.RequestTimeout, s.GenerationsPerSecond);
        var users = await load.RegisterAsync(s.Users);
        await load.WarmUpAsync(users[0], TimeSpan.FromMinutes(2));
        var placedBefore = await operatorHttp.GetFromJsonAsync<ClusterPlacement>("/v1/operator/cluster", Json);
        var victimEndpoint = placedBefore!.Activations.First(a => a.Kind == "music-model").Silo;
        var victim = silos.Single(p => Endpoint(p) == victimEndpoint);
        var survivor = silos.Single(p => p.ModelHost && p != victim);
        Log($"before: {Describe(placedBefore, silos)}; killing {victim.Name} (pid {victim.Process.Id})");

        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(users, stop.Token);
        await Task.Delay(s.Before);
        var killedAt = load.Now;
        ClusterProcesses.KillHard(victim);
        var death = WatchDeathAsync(s.ConnectionString, clusterId, victim.SiloPort, load, killedAt, stop.Token);
        await Task.Delay(s.After);
        await stop.CancelAsync();
        await running;
        var declaredDead = await death;

        var placedAfter = await operatorHttp.GetFromJsonAsync<ClusterPlacement>("/v1/operator/cluster", Json);
        var lost = await FindLostWritesAsync(http, users, load.AcknowledgedWrites);
        var report = FailoverReport.From(load.Records, load.AcknowledgedWrites.Count, lost, killedAt, declaredDead, startup,
            placedAfter!, Endpoint(survivor), victim.Name, survivor.Name, s.ModelHostGateways ? "every silo" : "plain silo only");
        Log($"after: {Describe(placedAfter, silos)}");
        await File.WriteAllTextAsync(Path.Combine(s.OutFolder, "failover.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions(Json) { WriteIndented = true }));
        await File.WriteAllLinesAsync(Path.Combine(s.OutFolder, "requests.tsv"),
            load.Records.Select(r => $"{r.Kind}\t{r.Started - killedAt:F3}\t{r.Ended - killedAt:F3}\t{r.Outcome}\t{r.Status}\t{r.Detail?.ReplaceLineEndings(" ")}"));
        Console.WriteLine(FailoverReport.SummaryHeader);
        Console.WriteLine(report.Summary());
        foreach (var problem in report.Problems) Console.WriteLine($"FAIL: {problem}");
        return report.Problems.Count == 0 ? 0 : 1;
    }

    /// <summary>Seconds from the kill until the membership table marks the silo Dead (status 6), or null if it never did while the load ran.</summary>
    private static async Task<double?> WatchDeathAsync(string connectionString, string clusterId, int port, FailoverLoad load, double killedAt, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = @id AND port = @port AND status = 6", connection);
            command.Parameters.AddWithValue("id", clusterId);
            command.Parameters.AddWithValue("port", port);
            if ((long)(await command.ExecuteScalarAsync(CancellationToken.None))! > 0) return load.Now - killedAt;
            await Task.Delay(250, CancellationToken.None);
        }
        return null;
    }

    /// <summary>Every generation and rating the API acknowledged must be in the user's history afterwards, with its stars.</summary>
    private static async Task<List<string>> FindLostWritesAsync(HttpClient http, Client.Gateway.Endpoints.CreatedUser[] users, IReadOnlyList<Acknowledged> writes)
    {
        var lost = new List<string>();
        foreach (var user in users)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user.UserId}/history?limit={HistoryWindow}");
            request.Headers.Authorization = new("Bearer", user.ApiKey);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var history = (await response.Content.ReadFromJsonAsync<HistoryEntry[]>(Json))!.ToDictionary(h => h.RecipeId);
            var generations = writes.Count(w => w.UserId == user.UserId && w.Stars is null);
            if (generations > HistoryWindow)
            {
                lost.Add($"{user.UserId}: {generations} generations, more than the {HistoryWindow} the history API shows; cannot verify (lower --user-rate or the load time)");
                continue;
            }
            foreach (var write in writes.Where(w => w.UserId == user.UserId))
            {
                if (!history.TryGetValue(write.RecipeId, out var entry)) lost.Add($"{user.UserId}: recipe {write.RecipeId} missing from the history");
                else if (write.Stars is { } stars && entry.Rating != stars) lost.Add($"{user.UserId}: rating of {write.RecipeId} is {entry.Rating?.ToString() ?? "gone"}, acknowledged {stars}");
            }
        }
        return lost;
    }

    /// <summary>The newest entries GET /history returns at most (the user grain's MaxHistoryLimit).</summary>
    private const int HistoryWindow = 500;

    private static string Endpoint(ClusterProcess process) => $"127.0.0.1:{process.SiloPort}";

    private static string Describe(ClusterPlacement? placement, ClusterProcess[] silos) =>
        string.Join("; ", placement!.Activations.Select(a => $"{a.Kind} {a.Key} on {silos.FirstOrDefault(p => Endpoint(p) == a.Silo)?.Name ?? a.Silo}"))
        + " | members: " + string.Join(", ", placement.Silos.Select(m => $"{silos.FirstOrDefault(p => Endpoint(p) == m.Endpoint)?.Name ?? m.Endpoint} {m.Status}"));

    private static void Log(string line) => Console.WriteLine($"[failover {DateTime.UtcNow:HH:mm:ss}] {line}");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}

public sealed record FailoverSettings(string SiloDll, string GatewayDll, string ConnectionString, string OutFolder, int Users, TimeSpan Before, TimeSpan After, TimeSpan RequestTimeout, bool ModelHostGateways,
    double GenerationsPerSecond);
