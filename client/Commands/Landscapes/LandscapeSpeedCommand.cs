using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Evaluation;
using CreativeGen.Ml.Landscapes.Sampling;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape speed`: generation images/s by batch size on this machine.</summary>
public static class LandscapeSpeedCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Model checkpoint (default: the shipped models/landscape-64.ckpt)." };
        var batches = new Option<int[]>("--batch") { Description = "Batch sizes to measure.", DefaultValueFactory = _ => [1, 4, 16, 64], AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds per batch size (the median is reported).", DefaultValueFactory = _ => 5 };
        var forward = new Option<LandscapeForward>("--forward") { Description = "Exact (served: fixed-order arithmetic) or LibTorch (for comparison).", DefaultValueFactory = _ => LandscapeForward.Exact };
        var command = new Command("speed", "Measure generation throughput (images/s) by batch size.") { model, batches, rounds, forward };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            using var generator = LandscapeModelLoader.LoadModel(parse.GetValue(model)?.FullName ?? DefaultModels.Require(DefaultModels.LandscapeFileName));
            generator.Forward = parse.GetValue(forward);
            var table = new Table().AddColumns("batch", "images/s (pixels)", "images/s (PNG)", "rounds");
            foreach (var batch in parse.GetValue(batches)!)
            {
                var result = GenerationSpeed.Measure(generator, batch, parse.GetValue(rounds));
                table.AddRow(batch.ToString(), $"{result.MedianImagesPerSecond:F1}", $"{result.MedianPngImagesPerSecond:F1}", result.Rounds.ToString());
            }
            AnsiConsole.MarkupLineInterpolated($"{generator.ModelName} ({generator.Resolution}px, version {generator.ModelVersion}), {generator.Forward} forward pass, torch threads {TorchSharp.torch.get_num_threads()}, medians:");
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
