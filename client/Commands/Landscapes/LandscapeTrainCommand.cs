using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape train`: trains (or resumes) a landscape GAN with checkpoints and contact sheets.</summary>
public static class LandscapeTrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder of category folders of JPEG/PNG photos (the train split).", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Run folder: train.ckpt, model.ckpt, sheets/.", DefaultValueFactory = _ => new DirectoryInfo("runs/landscape-64") };
        var resume = new Option<bool>("--resume") { Description = "Continue exactly from <out>/train.ckpt (the model options then come from the checkpoint)." };
        var steps = new Option<long>("--steps") { Description = "Total steps to reach (including steps before a resume).", DefaultValueFactory = _ => 5000 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write a checkpoint and a contact sheet every N steps.", DefaultValueFactory = _ => 250 };
        var cpuBudget = new Option<double?>("--cpu-budget") { Description = "Stop after this many CPU seconds of training in total (for fair benchmarks)." };
        var architecture = new Option<LandscapeArchitecture>("--architecture") { Description = "Projection (the landscape model) or TransposedDcgan (the seed's baseline, with its one-learning-rate recipe).", DefaultValueFactory = _ => LandscapeArchitecture.Projection };
        var resolution = new Option<int>("--resolution") { Description = "Image side in pixels (power of two).", DefaultValueFactory = _ => 64 };
        var width = new Option<int>("--width") { Description = "Base channel width w (generator starts at 8w).", DefaultValueFactory = _ => 32 };
        var latent = new Option<int>("--latent") { Description = "Latent vector size.", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var seed = new Option<long>("--seed") { Description = "Training seed (also the contact sheets' fixed noise).", DefaultValueFactory = _ => 1 };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Where decoded images are cached between runs.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("runs", "cache")) };
        var maxPerCategory = new Option<int?>("--max-per-category") { Description = "Use at most this many images per category." };
        var snapshots = new Option<bool>("--keep-snapshots") { Description = "Keep the model file of every checkpoint under <out>/snapshots/." };
        var export = new Option<FileInfo?>("--export") { Description = "Only write the model file (EMA generator) of <out>/train.ckpt to this path, e.g. models/landscape-64.ckpt." };
        var balanced = new Option<bool>("--balanced") { Description = "Projection recipe with a stronger discriminator: 2 D steps per G step, lr 2e-4 for both, no cutout." };
        var exportRaw = new Option<bool>("--export-raw") { Description = "With --export: write the raw generator instead of the EMA (a diagnostic)." };
        var padding = new Option<GeneratorPadding?>("--generator-padding")
        {
            Description = "Projection G's convolution padding: Reflect (default for new runs) or Zeros. With --resume, switches a run's padding (the weights fit either).",
        };
        var minibatchStd = new Option<int>("--minibatch-std") { Description = "Projection D: minibatch standard-deviation group size (0: off).", DefaultValueFactory = _ => 0 };
        var modeSeeking = new Option<double?>("--mode-seeking") { Description = "Override the weight of the mode-seeking term in the generator loss (recipe default 0.1; 0: off)." };
        var loss = new Option<GanLoss?>("--loss") { Description = "Override the recipe's loss (Hinge or NonSaturating)." };
        var learningRates = new Option<double[]?>("--lr") { Description = "Override the recipe's learning rates: G D (e.g. --lr 2e-4 2e-4).", AllowMultipleArgumentsPerToken = true };
        var discriminatorSteps = new Option<int?>("--d-steps") { Description = "Override the recipe's discriminator steps per generator step." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Run one step, write a checkpoint, and stop." };
        var command = new Command("train", "Train a landscape GAN (or resume one) with checkpoints and contact sheets.")
        {
            data, output, resume, steps, checkpointEvery, cpuBudget, architecture, resolution, width, latent, batch, seed, cache, maxPerCategory, snapshots, export, exportRaw, balanced, minibatchStd, padding, modeSeeking, loss, learningRates, discriminatorSteps, dryRun,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var outDir = parse.GetValue(output)!.FullName;
            var run = new TrainingRunOptions(outDir, parse.GetValue(dryRun) ? 1 : parse.GetValue(steps), parse.GetValue(checkpointEvery), parse.GetValue(cpuBudget), keepSnapshots: parse.GetValue(snapshots));
            if (parse.GetValue(export) is { } exportFile)
            {
                using var saved = LandscapeTrainer.Resume(run.TrainingCheckpointPath);
                if (parse.GetValue(exportRaw)) saved.ExportRawModel(exportFile.FullName);
                else saved.ExportModel(exportFile.FullName);
                AnsiConsole.MarkupLineInterpolated($"wrote {exportFile.FullName} (step {saved.Step}, {new FileInfo(exportFile.FullName).Length / 1e6:F1} MB)");
                return 0;
            }
            using var trainer = parse.GetValue(resume)
                ? LandscapeTrainer.Resume(run.TrainingCheckpointPath, parse.GetValue(padding))
                : NewTrainer(parse, parse.GetValue(data)!.FullName);
            if (parse.GetValue(dryRun)) run = new TrainingRunOptions(outDir, trainer.Step + 1, 1);
            using var dataset = LandscapeIngest.Load(parse.GetValue(data)!.FullName, trainer.Model.Resolution, trainer.Model.Categories,
                parse.GetValue(cache)?.FullName, parse.GetValue(maxPerCategory), line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
            AnsiConsole.MarkupLineInterpolated($"{trainer.Model.Architecture} {trainer.Model.Resolution}px w={trainer.Model.BaseWidth} padding={trainer.Model.GeneratorPadding} batch={trainer.Training.BatchSize} seed={trainer.Training.Seed}, {dataset.Count} images, from step {trainer.Step} to {run.TotalSteps}, torch threads {TorchSharp.torch.get_num_threads()}");
            TrainingConsole.Run(trainer, dataset, run, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]stopped at step {trainer.Step}[/] ({trainer.CpuSeconds:F0} CPU s); model: {Path.GetFullPath(run.ModelPath)}");
            return 0;
        })));
        return command;
    }

    private static LandscapeTrainer NewTrainer(ParseResult parse, string dataFolder)
    {
        if (!Directory.Exists(dataFolder)) throw new DirectoryNotFoundException($"Image folder not found: {dataFolder}");
        var categories = Directory.GetDirectories(dataFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var architecture = parse.GetValue<LandscapeArchitecture>("--architecture");
        var model = new LandscapeModelOptions(categories, parse.GetValue<int>("--resolution"), parse.GetValue<int>("--latent"), parse.GetValue<int>("--width"),
            architecture: architecture, minibatchStdDevGroup: parse.GetValue<int>("--minibatch-std"),
            generatorPadding: parse.GetValue<GeneratorPadding?>("--generator-padding") ?? GeneratorPadding.Reflect);
        var (batch, seed) = (parse.GetValue<int>("--batch"), parse.GetValue<long>("--seed"));
        var preset = architecture == LandscapeArchitecture.TransposedDcgan
            ? GanTrainingOptions.SeedBaseline(batch, seed)
            : parse.GetValue<bool>("--balanced") ? GanTrainingOptions.LandscapeBalanced(batch, seed) : GanTrainingOptions.Landscape(batch, seed);
        var rates = parse.GetValue<double[]?>("--lr") is { Length: > 0 } given ? given : null;
        if (rates is not null && rates.Length != 2) throw new ArgumentException("--lr takes two values: the generator's and the discriminator's learning rate.");
        var training = preset.With(
            generatorLearningRate: rates?[0], discriminatorLearningRate: rates?[1], loss: parse.GetValue<GanLoss?>("--loss"),
            discriminatorSteps: parse.GetValue<int?>("--d-steps"), modeSeekingWeight: parse.GetValue<double?>("--mode-seeking"));
        return new LandscapeTrainer(model, training);
    }
}
