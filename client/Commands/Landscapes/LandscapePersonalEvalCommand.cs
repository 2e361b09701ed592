using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Imaging;
using CreativeGen.Ml.Landscapes.Personal;
using CreativeGen.Ml.Landscapes.Sampling;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>
/// `creativegen landscape personal-eval`: personal models against the base model on a user's held-out photos: SWD to
/// the val photos, nearest-train distances, and a contact sheet (rows: train photos, base, each personal model).
/// </summary>
public static class LandscapePersonalEvalCommand
{
    public static Command Create()
    {
        var models = new Option<FileInfo[]>("--models") { Description = "Personal model files to compare.", Required = true, AllowMultipleArgumentsPerToken = true };
        var baseModel = new Option<FileInfo?>("--base") { Description = "Base model (default: the shipped landscape-64.ckpt)." };
        var train = new Option<DirectoryInfo>("--train") { Description = "The photos the personal models were trained on.", Required = true };
        var val = new Option<DirectoryInfo>("--val") { Description = "Held-out photos of the same kind.", Required = true };
        var sheet = new Option<FileInfo?>("--sheet") { Description = "Contact sheet PNG to write." };
        var samples = new Option<int>("--samples") { Description = "Images generated per model.", DefaultValueFactory = _ => 64 };
        var command = new Command("personal-eval", "Compare personal models with the base model on held-out photos (SWD, memorization, contact sheet).")
        {
            models, baseModel, train, val, sheet, samples,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            using var trainSet = PersonalPhotoSet.Load(parse.GetValue(train)!.FullName, 64);
            using var valSet = PersonalPhotoSet.Load(parse.GetValue(val)!.FullName, 64);
            var count = parse.GetValue(samples);
            var table = new Table().AddColumns("model", "category", "steps", "CPU s", "SWD to val ×10³", "vs best base", "nearest-train median (val's)", "gen. below val's 5th pct.");
            AnsiConsole.MarkupLineInterpolated($"real floor (train vs val SWD): {PersonalEvaluation.RealFloor(trainSet, valSet):F1}");
            var rows = new List<byte[]>(trainSet.Count >= 8 ? Enumerable.Range(0, 8).Select(i => Rgb(trainSet, i)) : []);
            using var baseLoaded = LandscapeModelLoader.LoadModel(parse.GetValue(baseModel)?.FullName ?? DefaultModels.Require(DefaultModels.LandscapeFileName));
            var baseResults = baseLoaded.Categories.Select(c => PersonalEvaluation.Evaluate(baseLoaded.Network, c, trainSet, valSet, count)).ToList();
            var bestBase = baseResults.MinBy(r => r.SwdToVal)!;
            foreach (var result in baseResults) AddRow(table, $"base {baseLoaded.ModelVersion}", baseLoaded, result, bestBase.SwdToVal);
            rows.AddRange(bestBase.Samples.Take(8));
            foreach (var file in parse.GetValue(models)!)
            {
                using var personal = LandscapeModelLoader.LoadModel(file.FullName);
                var result = PersonalEvaluation.Evaluate(personal.Network, PersonalCategory.Name, trainSet, valSet, count);
                AddRow(table, $"{file.Name} {personal.ModelVersion}", personal, result, bestBase.SwdToVal);
                rows.AddRange(result.Samples.Take(8));
            }
            AnsiConsole.Write(table);
            if (parse.GetValue(sheet) is { } sheetFile)
            {
                File.WriteAllBytes(sheetFile.FullName, PngWriter.ContactSheet(rows, 64, 8));
                AnsiConsole.MarkupLineInterpolated($"wrote {sheetFile.FullName} (rows: 8 train photos, base '{bestBase.Category}', then each model)");
            }
            return 0;
        }));
        return command;
    }

    private static void AddRow(Table table, string name, LandscapeModel model, PersonalEvaluation.Result result, double bestBase) =>
        table.AddRow(name, result.Category, model.TrainedSteps.ToString(), model.TrainingCpuSeconds.ToString("F0"), result.SwdToVal.ToString("F1"),
            $"{100 * (result.SwdToVal / bestBase - 1):+0;-0} %", $"{result.Memorization.GeneratedMedian:F3} ({result.Memorization.ValMedian:F3})",
            $"{100 * result.Memorization.GeneratedShareBelowValFifthPercentile:F0} %");

    private static byte[] Rgb(CreativeGen.Ml.Landscapes.Data.LandscapeDataset set, int index)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        return set.Pixels[index].permute(1, 2, 0).contiguous().data<byte>().ToArray();
    }
}
