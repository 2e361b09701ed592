using System.CommandLine;
using System.Text.Json;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music eval`: likelihood on a folder, statistics and originality of generated pieces.</summary>
public static class MusicEvalCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "checkpoint (default: the shipped model)" };
        var data = new Option<string>("--data") { Description = "MIDI folder to score (bits per token and per second)", Required = true };
        var maxFiles = new Option<int?>("--max-files");
        var generate = new Option<int>("--generate") { Description = "pieces to generate for the statistics (0 = skip)", DefaultValueFactory = _ => 32 };
        var length = new Option<double>("--length-seconds") { DefaultValueFactory = _ => 30 };
        var temperature = new Option<double>("--temperature") { DefaultValueFactory = _ => 1.0 };
        var topP = new Option<double?>("--top-p");
        var reference = new Option<string?>("--reference") { Description = "reference folder for the statistics (default: --data)" };
        var train = new Option<string?>("--train") { Description = "training folder for originality" };
        var json = new Option<string?>("--json") { Description = "also write the results as JSON" };
        var windowState = new Option<bool?>("--window-state") { Description = "open mid-piece windows with the held notes (true/false; default: as the model was trained)" };
        var command = new Command("eval", "Evaluate a music model: NLL, Yang & Lerch statistics, originality.")
        {
            model, data, maxFiles, generate, length, temperature, topP, reference, train, json, windowState,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            MusicCommand.InitializeTorchForSampling();
            var modelPath = parse.GetValue(model) ?? DefaultModels.Require(DefaultModels.MusicFileName);
            var (header, network, _) = MusicCheckpoint.Load(modelPath);
            LikelihoodReport likelihood;
            using (network) likelihood = LikelihoodEvaluator.Evaluate(network, header, parse.GetValue(data)!, parse.GetValue(maxFiles), windowState: parse.GetValue(windowState), log: Log);
            AnsiConsole.MarkupLine($"{Markup.Escape(modelPath)} on {Markup.Escape(parse.GetValue(data)!)}: {likelihood.Pieces} pieces ({likelihood.Rejected} files skipped), {likelihood.Tokens:N0} tokens, {likelihood.Seconds / 60:F1} min of music");
            AnsiConsole.MarkupLine($"  [bold]{likelihood.BitsPerToken:F4} bits/token[/], [bold]{likelihood.BitsPerSecond:F2} bits/second[/] (context: windows of {header.Options.SequenceLength} tokens, {((parse.GetValue(windowState) ?? header.Options.WindowState) ? "opened with the held notes" : "without held notes")})");

            GeneratedSetReport? set = null;
            if (parse.GetValue(generate) > 0)
            {
                using var generator = MusicModelLoader.LoadGenerator(modelPath);
                var requests = Enumerable.Range(1, parse.GetValue(generate))
                    .Select(i => new MusicRequest(null, parse.GetValue(length), parse.GetValue(temperature), null, parse.GetValue(topP), i)).ToList();
                var pieces = new List<IReadOnlyList<MidiNote>>();
                foreach (var chunk in requests.Chunk(32))
                    pieces.AddRange(generator.GenerateTokens(chunk).Select(t => generator.DecodeNotes(t)));
                set = GeneratedSetEvaluator.Evaluate(pieces, parse.GetValue(reference) ?? parse.GetValue(data)!, parse.GetValue(train), parse.GetValue(length), header.Options.ApplySustain, Log);
                Print(set);
            }
            if (parse.GetValue(json) is { } jsonPath)
                AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(new { model = modelPath, likelihood, set }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return command;
    }

    /// <summary>Data-stage lines (files skipped and why), as <c>music train</c> prints them.</summary>
    private static void Log(string line) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

    private static void Print(GeneratedSetReport set)
    {
        var table = new Table().AddColumns("feature", "generated", "reference", "overlap area");
        foreach (var f in set.Features)
            table.AddRow(f.Feature, f.GeneratedMean.ToString("F3"), f.ReferenceMean.ToString("F3"), f.OverlapArea.ToString("F3"));
        AnsiConsole.MarkupLine($"{set.GeneratedPieces} generated pieces vs {set.ReferencePieces} reference segments of {set.SegmentSeconds:F0} s (Yang & Lerch; mean of vector norms):");
        AnsiConsole.Write(table);
        if (set.Structure is { } structure && set.ReferenceStructure is { } real)
        {
            var repeats = new Table().AddColumns("bars recurring from earlier in the piece (median, p10–p90)", "generated", "reference");
            repeats.AddRow("pitch-class set", structure.PitchClass.ToString(), real.PitchClass.ToString());
            repeats.AddRow("rhythm (16th onsets)", structure.Rhythm.ToString(), real.Rhythm.ToString());
            repeats.AddRow("both", structure.Bar.ToString(), real.Bar.ToString());
            AnsiConsole.Write(repeats);
        }
        if (set.ReferencePitchRuns is null) return;
        var runs = new Table().AddColumns("longest run shared with training", "median", "p90", "max", "mean fraction of piece");
        void Row(string name, RunDistribution d) => runs.AddRow(name, d.Median.ToString("F1"), d.P90.ToString("F1"), d.Max.ToString(), d.MeanFractionOfPiece.ToString("P1"));
        Row("generated: pitches", set.PitchRuns);
        Row("generated: pitch+duration", set.PitchDurationRuns);
        Row("reference: pitches", set.ReferencePitchRuns);
        Row("reference: pitch+duration", set.ReferencePitchDurationRuns!);
        AnsiConsole.Write(runs);
    }
}
