using System.Diagnostics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Drives a <see cref="LandscapeTrainer"/> to a step count or CPU budget, writing a checkpoint and a contact sheet every
/// N steps and at the end (also when cancelled), so an interrupted run resumes from its last checkpoint.
/// </summary>
public static class LandscapeTrainingRun
{
    public static void Run(LandscapeTrainer trainer, LandscapeDataset data, TrainingRunOptions run, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var stepsThisRun = 0L;
        var lastSaved = trainer.Step;
        while (trainer.Step < run.TotalSteps && !cancellationToken.IsCancellationRequested && !BudgetSpent(trainer, run))
        {
            var (d, g) = trainer.TrainStep(data);
            if (!float.IsFinite(d) || !float.IsFinite(g))
                throw new InvalidOperationException($"Training diverged at step {trainer.Step} (D loss {d}, G loss {g}); resume from the last checkpoint with a lower learning rate.");
            stepsThisRun++;
            string? written = null;
            if (trainer.Step % run.CheckpointEvery == 0)
            {
                Checkpoint(trainer, run);
                lastSaved = trainer.Step;
                written = run.TrainingCheckpointPath;
            }
            progress?.Report(new TrainingProgress(trainer.Step, run.TotalSteps, d, g, stepsThisRun / clock.Elapsed.TotalSeconds, trainer.CpuSeconds, written));
        }
        if (trainer.Step != lastSaved || !File.Exists(run.ModelPath)) Checkpoint(trainer, run);
    }

    public static void Checkpoint(LandscapeTrainer trainer, TrainingRunOptions run)
    {
        trainer.Save(run.TrainingCheckpointPath, run.ModelPath);
        if (run.KeepSnapshots)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(run.SnapshotPath(trainer.Step))!);
            File.Copy(run.ModelPath, run.SnapshotPath(trainer.Step), overwrite: true);
        }
        AtomicFile.WriteAllBytes(run.SheetPath(trainer.Step), trainer.ContactSheet(run.SheetColumns));
    }

    private static bool BudgetSpent(LandscapeTrainer trainer, TrainingRunOptions run) =>
        run.CpuBudgetSeconds is { } budget && trainer.CpuSeconds >= budget;
}
