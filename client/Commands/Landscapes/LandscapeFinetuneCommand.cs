using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Personal;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>
/// `creativegen landscape finetune`: a personal model from a folder of one's own photos, under a CPU budget.
/// Ctrl+C writes a checkpoint and stops; running the same command again continues from it.
/// </summary>
public static class LandscapeFinetuneCommand
{
    public static Command Create()
    {
        var photos = new Option<DirectoryInfo>("--photos") { Description = "Folder of your JPEG/PNG photos (3 to 100; no sub-folders).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The personal model file to write.", Required = true };
        var cpuMinutes = new Option<double>("--cpu-minutes") { Description = "CPU budget of the training steps, in process CPU minutes (all threads).", DefaultValueFactory = _ => 10 };
        var runFolder = new Option<DirectoryInfo?>("--run") { Description = "Where checkpoints go (default: <out>.run/); a run there is resumed." };
        var restart = new Option<bool>("--restart") { Description = "Start over even if the run folder holds a checkpoint." };
        var baseModel = new Option<FileInfo?>("--base") { Description = "Base model file (default: the shipped landscape-64.ckpt)." };
        var baseDiscriminator = new Option<FileInfo?>("--base-discriminator") { Description = $"Base discriminator file (default: the shipped {BaseDiscriminatorFile.DefaultFileName})." };
        var frozenBlocks = new Option<int>("--frozen-g-blocks") { Description = "Generator: freeze the 4x4 projection and this many upsampling blocks (0: none).", DefaultValueFactory = _ => PersonalFineTuneOptions.Default.FrozenGeneratorBlocks };
        var frozenStages = new Option<int>("--frozen-d-stages") { Description = "FreezeD: freeze this many of the discriminator's first convolutions.", DefaultValueFactory = _ => PersonalFineTuneOptions.Default.FrozenDiscriminatorStages };
        var seed = new Option<long>("--seed") { Description = "Training seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("finetune", "Fine-tune the landscape model on your own photos into a personal model (category 'personal').")
        {
            photos, output, cpuMinutes, runFolder, restart, baseModel, baseDiscriminator, frozenBlocks, frozenStages, seed,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(CommandErrors.Guard(() =>
        {
            // The budget counts every torch thread's CPU time. On the shared 2-core machine two threads spent ~7x the CPU
            // seconds per step of one (spinning while the other waited for a core): 11 vs 81 steps in a CPU-minute.
            TorchRuntime.Initialize(defaultThreads: 1, defaultReason: "one thread: a CPU budget then buys steps, not spinning");
            var outFile = parse.GetValue(output)!.FullName;
            var run = parse.GetValue(runFolder)?.FullName ?? outFile + ".run";
            var budget = parse.GetValue(cpuMinutes) * 60;
            void Log(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            using var data = PersonalPhotoSet.Load(parse.GetValue(photos)!.FullName, 64, log: Log);
            var resuming = !parse.GetValue(restart) && PersonalFineTune.CanResume(run);
            using var fineTune = resuming
                ? PersonalFineTune.Resume(run, budget, Log)
                : PersonalFineTune.Start(parse.GetValue(baseModel)?.FullName ?? DefaultModels.Require(DefaultModels.LandscapeFileName),
                    parse.GetValue(baseDiscriminator)?.FullName ?? BaseDiscriminatorFile.DefaultPath, data, run,
                    new PersonalFineTuneOptions(budget, parse.GetValue(frozenBlocks), parse.GetValue(frozenStages), seed: parse.GetValue(seed)), Log);
            AnsiConsole.MarkupLineInterpolated($"{(resuming ? "resuming" : "starting")} {run} at step {fineTune.Trainer.Step}, {fineTune.Trainer.CpuSeconds:F0} of {budget:F0} CPU s spent; {data.Count} photos; Ctrl+C stops with a checkpoint");
            var result = fineTune.Run(data, p =>
            {
                if (p.Step % 10 == 0) Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} step {p.Step} cpu {p.CpuSeconds:F0}/{p.BudgetSeconds:F0}s ({100 * p.CpuSeconds / p.BudgetSeconds:F0} %) D {p.DiscriminatorLoss:F3} G {p.GeneratorLoss:F3}");
            }, cancellationToken: cancellationToken);
            if (!result.Finished)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted[/] at step {result.Steps} ({result.CpuSeconds:F0} CPU s); run the same command again to continue");
                return 130;
            }
            fineTune.ExportModel(outFile);
            var model = CreativeGen.Ml.Landscapes.LandscapeModelLoader.LoadModel(outFile);
            AnsiConsole.MarkupLineInterpolated($"[green]wrote {outFile}[/]: version {model.ModelVersion}, {result.Steps} steps, {result.CpuSeconds:F0} CPU s; try `creativegen landscape generate --model {outFile} --category {PersonalCategory.Name}`");
            model.Dispose();
            return 0;
        })));
        return command;
    }
}
