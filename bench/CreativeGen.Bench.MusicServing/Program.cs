using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;

// Closed-loop clients send one piece request after another straight to the music generator (no HTTP, no Orleans),
// alternately through continuous batching and through window batching (5 ms window, batches run to their longest
// piece). Reports throughput, p50/p99 latency, and how latency follows a piece's own token count.
var clients = new Option<int>("--clients") { DefaultValueFactory = _ => 32, Description = "Concurrent clients (1..256)." };
var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 25, Description = "Seconds per run (1..600)." };
var musicSeconds = new Option<double>("--music-seconds") { DefaultValueFactory = _ => 4, Description = "Length of each piece." };
var maxStreams = new Option<int>("--max-streams") { DefaultValueFactory = _ => 64, Description = "Largest batch, both modes (1..1024)." };
var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 2, Description = "Alternating window/continuous pairs (1..9)." };
var model = new Option<string?>("--model") { Description = "Music checkpoint (default: the shipped model)." };
var root = new RootCommand("Music serving benchmark: continuous vs window batching") { clients, seconds, musicSeconds, maxStreams, repeats, model };
root.SetAction(async parse =>
{
    TorchRuntime.Initialize();
    using var generator = MusicModelLoader.LoadGenerator(parse.GetValue(model) ?? DefaultModels.Require(DefaultModels.MusicFileName));
    var run = new ServingRun(generator, Math.Clamp(parse.GetValue(clients), 1, 256), TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 600)),
        parse.GetValue(musicSeconds), Math.Clamp(parse.GetValue(maxStreams), 1, 1024));
    for (var i = 0; i < Math.Clamp(parse.GetValue(repeats), 1, 9); i++)
    {
        run.Report("window", await run.WindowAsync());
        run.Report("continuous", await run.ContinuousAsync());
    }
});
return await root.Parse(args).InvokeAsync();

internal sealed class ServingRun(MusicGenerator generator, int clients, TimeSpan duration, double musicSeconds, int maxStreams)
{
    private MusicRequest Request(int client, int i) => new(null, musicSeconds, 1.0, null, null, client * 1_000_000L + i);

    public async Task<List<(double Ms, MusicRequest Request)>> ContinuousAsync()
    {
        using var engine = generator.StartContinuous(maxStreams);
        return await ClosedLoopAsync(engine.GenerateMidiAsync);
    }

    public async Task<List<(double Ms, MusicRequest Request)>> WindowAsync()
    {
        using var queue = new BlockingCollection<(MusicRequest Request, TaskCompletionSource Done)>();
        var batches = Task.Factory.StartNew(() =>
        {
            while (!queue.IsCompleted)
            {
                if (!queue.TryTake(out var first, 100)) continue;
                var batch = new List<(MusicRequest Request, TaskCompletionSource Done)> { first };
                var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 200; // 5 ms
                while (batch.Count < maxStreams
                       && queue.TryTake(out var next, (int)Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline).TotalMilliseconds)))
                    batch.Add(next);
                generator.GenerateMidi([.. batch.Select(b => b.Request)]);
                foreach (var (_, done) in batch) done.SetResult();
            }
        }, TaskCreationOptions.LongRunning);
        var results = await ClosedLoopAsync(async request =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Add((request, done));
            await done.Task;
            return [];
        });
        queue.CompleteAdding();
        await batches;
        return results;
    }

    private async Task<List<(double Ms, MusicRequest Request)>> ClosedLoopAsync(Func<MusicRequest, Task<byte[]>> send)
    {
        var results = new ConcurrentBag<(double, MusicRequest)>();
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; Stopwatch.GetTimestamp() < stop; i++)
            {
                var request = Request(client, i);
                var sent = Stopwatch.GetTimestamp();
                await send(request);
                results.Add((Stopwatch.GetElapsedTime(sent).TotalMilliseconds, request));
            }
        })));
        return [.. results];
    }

    /// <summary>Throughput and percentiles; the latency/token-count correlation on about 150 requests (tokens regenerated alone).</summary>
    public void Report(string mode, List<(double Ms, MusicRequest Request)> runs)
    {
        var sorted = runs.Select(r => r.Ms).Order().ToArray();
        double Percentile(double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
        int Tokens(MusicRequest request) => generator.GenerateTokens([request])[0].Length;
        var sample = runs.OrderBy(r => r.Request.Seed).Where((_, i) => i % Math.Max(1, runs.Count / 150) == 0).Select(r => (r.Ms, Tokens: (double)Tokens(r.Request))).ToList();
        double meanTokens = sample.Average(s => s.Tokens), meanMs = sample.Average(s => s.Ms);
        var correlation = sample.Sum(s => (s.Tokens - meanTokens) * (s.Ms - meanMs))
            / Math.Sqrt(sample.Sum(s => Math.Pow(s.Tokens - meanTokens, 2)) * sample.Sum(s => Math.Pow(s.Ms - meanMs, 2)));
        var slowestTokens = runs.OrderByDescending(r => r.Ms).Take(Math.Max(1, runs.Count / 100)).Average(r => Tokens(r.Request));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {runs.Count / duration.TotalSeconds:F1} | {Percentile(0.5):F0} | {Percentile(0.99):F0} | {correlation:F2} | {meanTokens:F0} | {slowestTokens:F0} |"));
    }
}
