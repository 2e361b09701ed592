using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>Shows training progress: a live bar with steps/s and losses on a terminal, a log line every 25 steps otherwise.</summary>
internal static class TrainingConsole
{
    public static void Run(LandscapeTrainer trainer, LandscapeDataset data, TrainingRunOptions run, CancellationToken cancellationToken)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            LandscapeTrainingRun.Run(trainer, data, run, new SynchronousProgress(p =>
            {
                if (p.Step % 25 == 0 || p.CheckpointWritten is not null)
                    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} step {p.Step}/{p.TotalSteps} {p.StepsPerSecond:F2} steps/s D {p.DiscriminatorLoss:F3} G {p.GeneratorLoss:F3} cpu {p.CpuSeconds:F0}s{(p.CheckpointWritten is null ? "" : " checkpoint")}");
            }), cancellationToken);
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: run.TotalSteps);
                task.Value = trainer.Step;
                LandscapeTrainingRun.Run(trainer, data, run, new SynchronousProgress(p =>
                {
                    task.Value = p.Step;
                    task.Description = $"step {p.Step} {p.StepsPerSecond:F2} st/s D {p.DiscriminatorLoss:F3} G {p.GeneratorLoss:F3}";
                }), cancellationToken);
            });
    }

    /// <summary>Reports on the training thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
