using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CreativeGen.Client.Gateway;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Bench.Cluster;

/// <summary>
/// Starts the real gateway with an embedded silo (file store in a temp folder) on loopback, creates N users and
/// lets each send one request after another for a fixed time (bounded in users, time and requests per user).
/// </summary>
public sealed class LoadRunner(Action<IServiceCollection> registerModels, int users, TimeSpan duration, double musicSeconds, int maxBatch = 0)
{
    /// <summary>With batching on, hot-swap the model to this archived version halfway through the measured window.</summary>
    public string? SwapTo { get; init; }

    private const int MaxRequestsPerUser = 10_000;

    /// <summary>"off", or how batching ran: "on" for landscapes, "continuous" or "window" for music.</summary>
    public static string Label(string kind, bool batching, bool continuousMusic) =>
        !batching ? "off" : kind != "music" ? "on" : continuousMusic ? "continuous" : "window";

    /// <param name="continuousMusic">Music batches continuously (as served) rather than by window; landscapes ignore it.</param>
    public async Task<LoadResult> RunAsync(string kind, bool batching, bool continuousMusic = true)
    {
        var state = Directory.CreateTempSubdirectory("creativegen-bench-");
        var options = new GatewayOptions
        {
            Url = "http://127.0.0.1:0",
            Silo =
            {
                StateDirectory = state.FullName,
                SiloPort = FreePort(),
                GatewayPort = FreePort(),
                ClusterId = "bench",
                Batching = { Enabled = batching, MaxBatchSize = maxBatch, WindowMilliseconds = 5, ContinuousMusic = continuousMusic },
            },
            // All simulated users share 127.0.0.1: the per-address limit is off, the others out of reach.
            RateLimit = { PermitsPerSecond = 1_000_000, Burst = 1_000_000, RegistrationsPerMinute = 1_000_000, PermitsPerSecondPerAddress = 0 },
        };
        await using var app = GatewayApplication.Build(options, registerModels);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
            {
                BaseAddress = new Uri(GatewayApplication.ListeningUrl(app)),
                Timeout = TimeSpan.FromMinutes(5),
            };
            var accounts = await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
                (await (await http.PostAsync("/v1/users", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedUser>())!));
            // Warm-up: loads the model and, with batching on, runs the calibration on this device.
            (await SendAsync(http, accounts[0], kind)).EnsureSuccessStatusCode();
            var limits = await DescribeLimitsAsync(app.Services.GetRequiredService<IGrainFactory>(), kind, options.Silo.Models);

            // Closed loop: each user sends its next request when the previous one answers. Only answers that arrive
            // within the window count; requests still in flight at the deadline are abandoned and counted as unfinished.
            var latencies = new List<double>();
            var (failed, unfinished) = (0, 0);
            using var window = new CancellationTokenSource(duration);
            var swap = batching && SwapTo is { } target
                ? SwapMidwayAsync(app.Services.GetRequiredService<IGrainFactory>(), kind, options.Silo.Models, target)
                : Task.FromResult<string?>(null);
            await Task.WhenAll(accounts.Select(async account =>
            {
                for (var i = 0; i < MaxRequestsPerUser && !window.IsCancellationRequested; i++)
                {
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await SendAsync(http, account, kind, window.Token);
                        await response.Content.ReadAsByteArrayAsync(window.Token);
                        var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                        lock (latencies)
                        {
                            if (response.IsSuccessStatusCode) latencies.Add(ms);
                            else failed++;
                        }
                    }
                    catch (OperationCanceledException) when (window.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref unfinished);
                    }
                }
            }));
            if (await swap is { } swapped) limits += "; " + swapped;
            return new LoadResult(kind, Label(kind, batching, continuousMusic), users, latencies.Count, failed, unfinished, duration, [.. latencies], limits);
        }
        finally
        {
            await app.StopAsync();
            state.Delete(recursive: true);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient http, CreatedUser user, string kind, CancellationToken token = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{user.UserId}/{(kind == "music" ? "music" : "landscapes")}")
        {
            Content = kind == "music" ? JsonContent.Create(new { lengthSeconds = musicSeconds }) : JsonContent.Create(new { }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.ApiKey);
        return http.SendAsync(request, token);
    }

    private async Task<string?> SwapMidwayAsync(IGrainFactory grains, string kind, DefaultModelNames models, string version)
    {
        await Task.Delay(duration / 2);
        var started = Stopwatch.GetTimestamp();
        var serving = kind == "music"
            ? (await grains.GetGrain<IMusicModelGrain>(models.Music).SwapAsync(version)).Version
            : (await grains.GetGrain<ILandscapeModelGrain>(models.Landscape).SwapAsync(version)).Version;
        return $"swapped to {serving} at {duration.TotalSeconds / 2:F0} s, took {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s";
    }

    private static async Task<string> DescribeLimitsAsync(IGrainFactory grains, string kind, DefaultModelNames models)
    {
        var limits = kind == "music"
            ? (await grains.GetGrain<IMusicModelGrain>(models.Music).DescribeAsync()).Batching
            : (await grains.GetGrain<ILandscapeModelGrain>(models.Landscape).DescribeAsync()).Batching;
        return $"max {limits.MaxBatchSize} ({limits.Source}), window {limits.WindowMilliseconds} ms";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
