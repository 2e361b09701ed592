using System.CommandLine;
using System.Diagnostics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music speed`: generated tokens per second, single stream and batched.</summary>
public static class MusicSpeedCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "checkpoint (default: the shipped model)" };
        var batches = new Option<int[]>("--streams") { Description = "batch sizes to measure", DefaultValueFactory = _ => [1, 32], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<double>("--length-seconds") { DefaultValueFactory = _ => 20 };
        var repeats = new Option<int>("--repeats") { DefaultValueFactory = _ => 3 };
        var command = new Command("speed", "Measure generation speed (tokens/s) per batch size; prints medians.") { model, batches, seconds, repeats };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            MusicCommand.InitializeTorchForSampling();
            using var generator = MusicModelLoader.LoadGenerator(parse.GetValue(model) ?? DefaultModels.Require(DefaultModels.MusicFileName));
            var table = new Table().AddColumns("streams", "tokens/s (median)", "runs", "time: network / sampling / other (median run)", "network only, tokens/s");
            AnsiConsole.MarkupLine($"torch threads: {TorchSharp.torch.get_num_threads()} ({Markup.Escape(TorchRuntime.ThreadsSource)})");
            foreach (var streams in parse.GetValue(batches)!)
            {
                var runs = new List<(double Rate, GenerationTimings Timings)>();
                for (var r = 0; r < parse.GetValue(repeats); r++)
                {
                    var requests = Enumerable.Range(0, streams)
                        .Select(i => new MusicRequest(null, parse.GetValue(seconds), 1.0, null, 0.95, 1000 * r + i)).ToList();
                    var clock = Stopwatch.StartNew();
                    var tokens = generator.GenerateTokens(requests).Sum(t => t.Length);
                    runs.Add((tokens / clock.Elapsed.TotalSeconds, generator.LastTimings));
                }
                runs.Sort((a, b) => a.Rate.CompareTo(b.Rate));
                var (median, timings) = runs[runs.Count / 2];
                table.AddRow(streams.ToString(), $"{median:N0}", string.Join(", ", runs.Select(x => x.Rate.ToString("N0"))),
                    $"{timings.NetworkSeconds / timings.TotalSeconds:P0} / {timings.SamplingSeconds / timings.TotalSeconds:P0} / {timings.OtherSeconds / timings.TotalSeconds:P0} ({timings.Steps:N0} steps)",
                    $"{generator.MeasureStepsPerSecond(streams, 300) * streams:N0}");
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
