using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Pop;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music pop-eval`: key and chord control, melody statistics and feature overlap of a pop model against POP909 val.</summary>
public static class MusicPopEvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "pop checkpoint (default: the shipped models/music-pop.ckpt)" };
        var val = new Option<string>("--val") { Description = "POP909 val folder (one folder per song)", Required = true };
        var train = new Option<string?>("--train") { Description = "POP909 train folder, for the val-vs-train floor of the feature overlap" };
        var pieces = new Option<int>("--pieces") { Description = "pieces per condition (24 = every key once)", DefaultValueFactory = _ => 48 };
        var seconds = new Option<double>("--length-seconds") { DefaultValueFactory = _ => 45 };
        var temperature = new Option<double>("--temperature") { DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double?>("--top-p") { DefaultValueFactory = _ => 0.95 };
        var maxTrain = new Option<int>("--max-train") { Description = "train songs for the floor", DefaultValueFactory = _ => 150 };
        var command = new Command("pop-eval", "Measure key control, chord control and melody statistics of a pop model against POP909 val.")
        {
            model, val, train, pieces, seconds, temperature, topP, maxTrain,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            MusicCommand.InitializeTorchForSampling();
            var modelPath = parse.GetValue(model) ?? DefaultModels.Require(DefaultModels.PopFileName);
            using var generator = MusicModelLoader.LoadGenerator(modelPath);
            var log = (string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            var valSongs = PopCorpus.Load(parse.GetValue(val)!, log: log).Songs;
            var trainSongs = parse.GetValue(train) is { } t ? PopCorpus.Load(t, parse.GetValue(maxTrain), log).Songs : [];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var r = PopControlEvaluator.Evaluate(generator, valSongs, trainSongs, parse.GetValue(pieces), parse.GetValue(seconds),
                parse.GetValue(temperature), parse.GetValue(topP));
            AnsiConsole.MarkupLineInterpolated($"model {generator.ModelName} {generator.ModelVersion}: {r.Pieces} pieces per condition, {r.Bars} bars each, T={parse.GetValue(temperature)} top-p={parse.GetValue(topP)} ({clock.Elapsed.TotalSeconds:F0} s)");
            var table = new Table().AddColumns("measure", "generated", "real val (ceiling)");
            table.AddRow("key = requested (key only)", $"{r.KeyExactKeyOnly:P0}", $"{r.RealKeyExact:P0}");
            table.AddRow("key = requested or its relative (key only)", $"{r.KeyOrRelativeKeyOnly:P0}", $"{r.RealKeyOrRelative:P0}");
            table.AddRow("key = requested (key + chords)", $"{r.KeyExactWithChords:P0}", $"{r.RealKeyExact:P0}");
            table.AddRow("key = requested or its relative (key + chords)", $"{r.KeyOrRelativeWithChords:P0}", $"{r.RealKeyOrRelative:P0}");
            table.AddRow("beats whose triad agrees with the requested chord", $"{r.ChordAgreement:P0}", $"{r.RealChordAgreement:P0}");
            foreach (var (g, real) in r.Melody)
                table.AddRow(Markup.Escape(g.Name), $"{g.Mean:F2} (10–90 %: {g.Low:F2}–{g.High:F2})", $"{real.Mean:F2} (10–90 %: {real.Low:F2}–{real.High:F2})");
            AnsiConsole.Write(table);
            var features = new Table().AddColumns("feature (Yang–Lerch, vs val)", "generated mean", "val mean", "overlap", "train-vs-val overlap (floor)");
            for (var i = 0; i < r.Features.Count; i++)
            {
                var f = r.Features[i];
                var floor = r.RealFloor.Count > i ? $"{r.RealFloor[i].OverlapArea:F2}" : "-";
                features.AddRow(Markup.Escape(f.Feature), $"{f.GeneratedMean:F2}", $"{f.ReferenceMean:F2}", $"{f.OverlapArea:F2}", floor);
            }
            features.AddRow("mean", "", "", $"{r.Features.Average(f => f.OverlapArea):F2}", r.RealFloor.Count > 0 ? $"{r.RealFloor.Average(f => f.OverlapArea):F2}" : "-");
            AnsiConsole.Write(features);
            return 0;
        }));
        return command;
    }
}
