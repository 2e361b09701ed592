using System.CommandLine;
using CreativeGen.Client.Gateway;
using CreativeGen.Grains.Hosting;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Serve;

/// <summary>
/// `creativegen serve`: the HTTP gateway with an embedded silo (localhost clustering, file store, default
/// models), or with --cluster as a client of an external cluster. The section "CreativeGen" of the
/// environment (e.g. CreativeGen__Batching__MaxBatchSize=8) configures the embedded silo, its subsection RateLimit
/// the gateway's limits (e.g. CreativeGen__RateLimit__PermitsPerSecondPerAddress=0); options win.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Listening URL.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var port = new Option<int?>("--port") { Description = "HTTP port (replaces the port of --url; 0: any free port)." };
        var siloPort = new Option<int?>("--silo-port") { Description = "Port of the embedded silo (default: CreativeGen__SiloPort, else 11111)." };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans client gateway port of the embedded silo, what `--cluster localhost:PORT` joins (default: CreativeGen__GatewayPort, else 30000)." };
        var state = new Option<string?>("--state") { Description = "State directory of the embedded file store (default: CreativeGen__StateDirectory, else ./state)." };
        var models = new Option<string?>("--models") { Description = "Model directory (default: the shipped models)." };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Join an external cluster instead of embedding a silo: a PostgreSQL connection string (ADO.NET clustering), 'adonet' (the one in CreativeGen__ConnectionString, kept off the command line) or localhost[:gatewayPort].",
        };
        var clusterId = new Option<string?>("--cluster-id") { Description = "Cluster and service id (default: CreativeGen__ClusterId/ServiceId, else creativegen)." };
        var noBatching = new Option<bool>("--no-batching") { Description = "Run every generation request on its own (to measure what batching buys)." };
        var maxBatch = new Option<int>("--max-batch") { Description = "Fixed maximum batch size (default 0: measure on this device when a model loads)." };
        var command = new Command("serve", "Start the HTTP API (with an embedded silo unless --cluster is given).")
        {
            url, port, siloPort, gatewayPort, state, models, cluster, clusterId, noBatching, maxBatch,
        };
        command.SetAction(async (parse, token) =>
        {
            var listenUrl = parse.GetValue(port) is { } httpPort ? PortCheck.WithPort(parse.GetValue(url)!, httpPort) : parse.GetValue(url)!;
            var options = new GatewayOptions { Url = listenUrl, Cluster = parse.GetValue(cluster) };
            var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            environment.GetSection(CreativeGenSiloOptions.Section).Bind(options.Silo);
            environment.GetSection(RateLimitOptions.Section).Bind(options.RateLimit);
            environment.GetSection(ProxyOptions.Section).Bind(options.Proxy);
            environment.GetSection(Gateway.Operators.OperatorOptions.Section).Bind(options.Operator);
            options.Silo.StateDirectory = parse.GetValue(state) ?? options.Silo.StateDirectory;
            options.Silo.ModelDirectory = parse.GetValue(models) ?? options.Silo.ModelDirectory;
            if (parse.GetValue(clusterId) is { } id) options.Silo.ClusterId = options.Silo.ServiceId = id;
            if (string.Equals(options.Cluster, "adonet", StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(options.Silo.ConnectionString))
                {
                    AnsiConsole.MarkupLine("[red]--cluster adonet[/] needs CreativeGen__ConnectionString (the PostgreSQL connection string) in the environment.");
                    return 2;
                }
                options.Cluster = options.Silo.ConnectionString;
            }
            if (parse.GetValue(noBatching)) options.Silo.Batching.Enabled = false;
            if (parse.GetValue(maxBatch) is > 0 and var size) options.Silo.Batching.MaxBatchSize = size;
            options.Silo.SiloPort = parse.GetValue(siloPort) ?? options.Silo.SiloPort;
            options.Silo.GatewayPort = parse.GetValue(gatewayPort) ?? options.Silo.GatewayPort;
            return await RunAsync(options, token);
        });
        return command;
    }

    private static async Task<int> RunAsync(GatewayOptions options, CancellationToken token)
    {
        try
        {
            if (options.Cluster is null) options.Silo.Validate();
            PortCheck.EnsureFree(PortCheck.PortsOf(options)); // before anything binds: a second serve must not share the ports
            await using var app = GatewayApplication.Build(options);
            await app.StartAsync(token);
            var mode = options.Cluster is null
                ? $"embedded silo, state in {Path.GetFullPath(options.Silo.StateDirectory)}"
                : "client of an external cluster";
            AnsiConsole.MarkupLine($"[green]CreativeGen[/] listening on [bold]{Markup.Escape(GatewayApplication.ListeningUrl(app))}[/] ({Markup.Escape(mode)}). Ctrl+C stops.");
            AnsiConsole.MarkupLine("OpenAPI: /openapi/v1.json   metrics: /metrics   health: /healthz");
            await app.WaitForShutdownAsync(token);
            return 0;
        }
        catch (Exception error) when (error is ArgumentException or IOException or InvalidOperationException or UriFormatException)
        {
            AnsiConsole.MarkupLine($"[red]serve failed[/]: {Markup.Escape(error.Message)}");
            return 1;
        }
    }
}
