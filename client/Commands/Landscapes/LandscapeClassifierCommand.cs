using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>
/// `creativegen landscape classifier`: trains the category classifier that scores generated landscapes (classifier
/// agreement) and later seeds transfer learning. Reports val accuracy per category after every epoch.
/// </summary>
public static class LandscapeClassifierCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Training photos, one folder per category.", Required = true };
        var val = new Option<DirectoryInfo>("--val") { Description = "Validation photos, one folder per category (same categories).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to save the classifier.", Required = true };
        var recipe = new Option<string>("--recipe") { Description = "quick (the original) or accurate.", DefaultValueFactory = _ => "accurate" };
        var epochs = new Option<int?>("--epochs") { Description = "Override the recipe's epoch count." };
        var resolution = new Option<int>("--resolution") { Description = "Image side in pixels.", DefaultValueFactory = _ => 64 };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Decoded-image cache folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("runs", "cache")) };
        var command = new Command("classifier", "Train the landscape category classifier and report its val accuracy per category.")
        {
            data, val, output, recipe, epochs, resolution, cache,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            void Log(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            var chosen = ClassifierRecipe.Named(parse.GetValue(recipe)!);
            if (parse.GetValue(epochs) is { } epochCount) chosen = chosen.WithEpochs(epochCount);
            var side = parse.GetValue(resolution);
            var cacheDir = parse.GetValue(cache)?.FullName;
            using var trainSet = LandscapeIngest.Load(parse.GetValue(data)!.FullName, side, null, cacheDir, log: Log);
            using var valSet = LandscapeIngest.Load(parse.GetValue(val)!.FullName, side, trainSet.Categories, cacheDir, log: Log);
            var started = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            AnsiConsole.MarkupLineInterpolated($"training on {trainSet.Count} photos, {chosen.Epochs} epochs, width {chosen.Width}, {chosen.ConvsPerStage} conv(s) per stage");
            using var model = ClassifierTraining.Train(trainSet, chosen, (epoch, loss, current) =>
            {
                var perCategory = ClassifierTraining.AccuracyPerCategory(current, valSet);
                var summary = string.Join(" ", trainSet.Categories.Select((name, i) => $"{name} {perCategory[i]:P0}"));
                AnsiConsole.MarkupLineInterpolated($"epoch {epoch}/{chosen.Epochs}: loss {loss:F3}, val {perCategory.Average():P1} ({summary}), cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - started:F0}s");
            });
            var accuracy = ClassifierTraining.Accuracy(model, valSet);
            var header = new ClassifierTraining.Header(trainSet.Categories.ToArray(), side, chosen.Width, chosen.Epochs, accuracy, chosen.ConvsPerStage);
            ClassifierTraining.Save(parse.GetValue(output)!.FullName, model, header);
            AnsiConsole.MarkupLineInterpolated($"val accuracy {accuracy:P1}; saved {parse.GetValue(output)!.FullName}");
            return 0;
        }));
        return command;
    }
}
