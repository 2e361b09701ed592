using System.CommandLine;
using System.Text.Json;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape eval`: SWD, category consistency, classifier agreement and memorization.</summary>
public static class LandscapeEvalCommand
{
    public const string ClassifierFileName = "landscape-classifier.ckpt";

    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Model checkpoint (default: the shipped models/landscape-64.ckpt)." };
        var data = new Option<DirectoryInfo>("--data") { Description = "Real images to compare with, one folder per category (the val split).", Required = true };
        var train = new Option<DirectoryInfo?>("--train") { Description = "Training images (memorization, real-vs-real floor, classifier training). Default: a 'train' folder beside --data." };
        var classifier = new Option<FileInfo?>("--classifier") { Description = $"Category classifier; trained on --train and saved here when missing. Default: models/{ClassifierFileName}, else runs/{ClassifierFileName}." };
        var perCategory = new Option<int>("--per-category") { Description = "Generated images per category.", DefaultValueFactory = _ => 150 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON here." };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Decoded-image cache folder.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("runs", "cache")) };
        var command = new Command("eval", "Evaluate a landscape model against real images (SWD, consistency, classifier agreement, memorization).")
        {
            model, data, train, classifier, perCategory, json, cache,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            using var generator = LandscapeModelLoader.LoadModel(parse.GetValue(model)?.FullName ?? DefaultModels.Require(DefaultModels.LandscapeFileName));
            var cacheDir = parse.GetValue(cache)?.FullName;
            void Log(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            var dataDir = parse.GetValue(data)!.FullName;
            using var val = LandscapeIngest.Load(dataDir, generator.Resolution, generator.Categories, cacheDir, log: Log);
            var trainDir = parse.GetValue(train)?.FullName ?? Path.Combine(Path.GetDirectoryName(dataDir.TrimEnd('/'))!, "train");
            using var trainSet = Directory.Exists(trainDir) ? LandscapeIngest.Load(trainDir, generator.Resolution, generator.Categories, cacheDir, log: Log) : null;
            var (classifierModel, classifierHeader) = LoadOrTrainClassifier(parse.GetValue(classifier)?.FullName, trainSet, val, generator.Resolution, Log);
            using (classifierModel)
            {
                var report = LandscapeEvaluator.Evaluate(generator, val, trainSet, classifierModel, classifierHeader?.ValAccuracy, parse.GetValue(perCategory), log: Log);
                EvaluationTables.Print(report);
                if (parse.GetValue(json) is { } jsonFile)
                    AtomicFile.WriteAllText(jsonFile.FullName, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        }));
        return command;
    }

    private static (LandscapeClassifier? Model, ClassifierTraining.Header? Header) LoadOrTrainClassifier(
        string? path, LandscapeDataset? train, LandscapeDataset val, int resolution, Action<string> log)
    {
        var shipped = Path.Combine(DefaultModels.Directory, ClassifierFileName);
        path ??= File.Exists(shipped) ? shipped : Path.Combine("runs", ClassifierFileName);
        if (File.Exists(path))
        {
            var loaded = ClassifierTraining.Load(path);
            if (loaded.Header.Resolution == resolution) return loaded;
            log($"{path} is for {loaded.Header.Resolution}px images; training a new one");
            loaded.Model.Dispose();
        }
        if (train is null)
        {
            log("no classifier and no training images: skipping classifier agreement");
            return (null, null);
        }
        const int epochs = 8;
        log($"training the category classifier on {train.Count} images ({epochs} epochs)");
        var model = ClassifierTraining.Train(train, epochs, onEpoch: (epoch, loss) => log($"classifier epoch {epoch}: loss {loss:F3}"));
        var header = new ClassifierTraining.Header(train.Categories.ToArray(), resolution, 32, epochs, ClassifierTraining.Accuracy(model, val));
        ClassifierTraining.Save(path, model, header);
        log($"classifier val accuracy {header.ValAccuracy:P1}, saved to {Path.GetFullPath(path)}");
        return (model, header);
    }
}
