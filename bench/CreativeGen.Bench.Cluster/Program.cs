using System.CommandLine;
using System.Globalization;
using CreativeGen.Bench.Cluster;
using CreativeGen.Bench.Cluster.Synthetic;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using CreativeGen.Ml.Common;

// Drives the HTTP API on loopback with N concurrent users, dynamic batching on and off, for music and landscapes.
// --generators default: the shipped models (as `creativegen serve` loads them);
// --generators random-weight: untrained networks of the same shapes (real compute, meaningless output).
var users = new Option<int>("--users") { DefaultValueFactory = _ => 32, Description = "Concurrent simulated users (1..256)." };
var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 30, Description = "Measured seconds per run (1..600)." };
var musicSeconds = new Option<double>("--music-seconds") { DefaultValueFactory = _ => 4, Description = "Length of each requested piece (seconds of music)." };
var kinds = new Option<string>("--kinds") { DefaultValueFactory = _ => "music,landscape", Description = "music, landscape, or both." };
var generators = new Option<string>("--generators") { DefaultValueFactory = _ => "default", Description = "default or random-weight." };
var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 3, Description = "Alternating off/on runs per kind (1..9); medians are reported." };
var maxBatch = new Option<int>("--max-batch") { DefaultValueFactory = _ => 0, Description = "Maximum batch with batching on (0: calibrated on this machine, as served)." };
var musicBatching = new Option<string>("--music-batching") { DefaultValueFactory = _ => "continuous", Description = "continuous (as served: requests join the running batch), window, or both (each repeat runs off, window, continuous)." };
var swapTo = new Option<string?>("--swap-to") { Description = "Hot-swap the model to this archived version halfway through each batching-on run (failed requests are counted)." };
var root = new RootCommand("CreativeGen cluster load benchmark") { users, seconds, musicSeconds, kinds, generators, repeats, maxBatch, musicBatching, swapTo };
root.Subcommands.Add(CreativeGen.Bench.Cluster.Failover.FailoverCommand.Create()); // bench/failover/run.sh
root.SetAction(async parse =>
{
    var userCount = Math.Clamp(parse.GetValue(users), 1, 256);
    var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 600));
    TorchRuntime.Initialize();
    Action<IServiceCollection> register = parse.GetValue(generators) == "random-weight"
        ? services => services.AddMusicModel("music-piano", () => new RandomWeightMusicGenerator())
            .AddLandscapeModel("landscape-64", () => new RandomWeightLandscapeGenerator())
        : services => services.AddDefaultModels(new DefaultModelNames(), null);
    var runner = new LoadRunner(register, userCount, duration, parse.GetValue(musicSeconds), Math.Clamp(parse.GetValue(maxBatch), 0, 1024))
    {
        SwapTo = parse.GetValue(swapTo),
    };
    bool[] musicModes = parse.GetValue(musicBatching) switch
    {
        "continuous" => [true],
        "window" => [false],
        "both" => [false, true],
        var other => throw new ArgumentException($"--music-batching must be continuous, window or both (got '{other}')"),
    };
    Console.WriteLine("| kind | batching | limits | users | answered | failed | unfinished | req/s | p50 ms | p99 ms |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var kind in parse.GetValue(kinds)!.Split(',', StringSplitOptions.TrimEntries))
    {
        var results = new List<LoadResult>();
        // Alternate off and on so that both see the same (noisy, shared) machine.
        for (var repeat = 0; repeat < Math.Clamp(parse.GetValue(repeats), 1, 9); repeat++)
            foreach (var (batching, continuous) in musicModes.Select(c => (true, c)).Prepend((false, true)).DistinctBy(m => LoadRunner.Label(kind, m.Item1, m.Item2)))
            {
                var r = await runner.RunAsync(kind, batching, continuous);
                results.Add(r);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Kind} | {r.Batching} | {r.Limits} | {r.Users} | {r.Completed} | {r.Failed} | {r.Unfinished} | {r.RequestsPerSecond:F2} | {r.Percentile(0.5):F0} | {r.Percentile(0.99):F0} |"));
            }
        var off = Median(results.Where(r => r.Batching == "off").Select(r => r.RequestsPerSecond));
        foreach (var mode in results.Select(r => r.Batching).Where(b => b != "off").Distinct())
        {
            var on = Median(results.Where(r => r.Batching == mode).Select(r => r.RequestsPerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | median {mode} / median off | | | | | | {on:F2} / {off:F2} = {on / off:F2}x | | |"));
        }
    }
});
return await root.Parse(args).InvokeAsync();

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
