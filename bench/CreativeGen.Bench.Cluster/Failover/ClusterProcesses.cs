using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CreativeGen.Bench.Cluster.Failover;

/// <summary>One program of the cluster running as a process of its own; its output goes to a log file.</summary>
public sealed record ClusterProcess(string Name, Process Process, int HttpPort, int SiloPort, bool ModelHost, string Log);

/// <summary>
/// Starts silos and the gateway as separate processes on loopback (ADO.NET clustering and storage in PostgreSQL,
/// the schema applied by the silos themselves), waits for them to be ready, and kills them: one with SIGKILL on
/// purpose, the rest when disposed.
/// </summary>
public sealed class ClusterProcesses(string siloDll, string gatewayDll, string connectionString, string clusterId, string outFolder, string operatorKey) : IAsyncDisposable
{
    private readonly List<ClusterProcess> started = [];
    private readonly HttpClient probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    public IReadOnlyList<ClusterProcess> Started => started;

    /// <param name="clientGateway">Whether clients (the HTTP gateway) may connect to this silo.</param>
    public ClusterProcess StartSilo(string name, bool modelHost, bool clientGateway)
    {
        var (siloPort, gatewayPort, httpPort) = (FreePort(), clientGateway ? FreePort() : 0, FreePort());
        return Start(name, siloDll, [], httpPort, siloPort, modelHost, Common(new Dictionary<string, string>
        {
            ["CreativeGen__Clustering"] = "AdoNet",
            ["CreativeGen__Storage"] = "AdoNet",
            ["CreativeGen__ModelHost"] = modelHost ? "true" : "false",
            ["CreativeGen__SiloPort"] = $"{siloPort}",
            ["CreativeGen__GatewayPort"] = $"{gatewayPort}",
            ["CreativeGen__AdvertisedAddress"] = "127.0.0.1",
            ["CreativeGen__ApplySchemaOnStart"] = "true",
            ["CreativeGen__Batching__MaxBatchSize"] = "4", // a fixed size: no calibration at load, comparable runs
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
        }));
    }

    public ClusterProcess StartGateway()
    {
        var httpPort = FreePort();
        return Start("gateway", gatewayDll, ["serve", "--cluster", "adonet", "--url", $"http://127.0.0.1:{httpPort}"], httpPort, 0, false,
            Common(new Dictionary<string, string>
            {
                ["CreativeGen__Operator__Keys__0"] = operatorKey,
                // Every simulated user comes from 127.0.0.1: the limits are out of the way, as in the load bench.
                ["CreativeGen__RateLimit__PermitsPerSecond"] = "1000000",
                ["CreativeGen__RateLimit__Burst"] = "1000000",
                ["CreativeGen__RateLimit__RegistrationsPerMinute"] = "1000000",
                ["CreativeGen__RateLimit__PermitsPerSecondPerAddress"] = "0",
            }));
    }

    /// <summary>Waits until each process answers its readiness URL with 200 (silos: /healthz/ready, which loads the default models on a model host).</summary>
    public async Task WaitReadyAsync(ClusterProcess process, string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.Process.HasExited)
                throw new InvalidOperationException($"{process.Name} exited with code {process.Process.ExitCode} before it was ready; see {process.Log}");
            try
            {
                using var response = await probe.GetAsync($"http://127.0.0.1:{process.HttpPort}{path}");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (deadline.Elapsed > timeout) throw new TimeoutException($"{process.Name} was not ready within {timeout.TotalSeconds:F0} s; see {process.Log}");
            await Task.Delay(500);
        }
    }

    /// <summary>kill -9: the process gets no chance to leave the cluster, close connections or flush anything.</summary>
    public static void KillHard(ClusterProcess process) => process.Process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in started.Where(p => !p.Process.HasExited))
        {
            try
            {
                process.Process.Kill(entireProcessTree: true);
                await process.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // already gone
            }
        }
        probe.Dispose();
    }

    private Dictionary<string, string> Common(Dictionary<string, string> variables)
    {
        variables["CreativeGen__ConnectionString"] = connectionString; // in the environment, never on a command line
        variables["CreativeGen__ClusterId"] = clusterId;
        variables["CreativeGen__ServiceId"] = clusterId;
        variables["DOTNET_gcServer"] = "0";
        return variables;
    }

    private ClusterProcess Start(string name, string dll, string[] arguments, int httpPort, int siloPort, bool modelHost, Dictionary<string, string> environment)
    {
        var log = Path.Combine(outFolder, name + ".log");
        // exec: the process id is the program's own, so the kill hits it and not a shell.
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" \"$@\" >\"$LOG\" 2>&1");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LOG"] = log;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = new ClusterProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}"), httpPort, siloPort, modelHost, log);
        started.Add(process);
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
