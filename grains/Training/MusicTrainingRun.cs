using System.Text.Json;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Grains.Training;

/// <summary>
/// The parts of a coordinator's training that run off the grain: validating a job, the run's own thread, and
/// publishing a checkpoint to the archive. The thread talks to its coordinator only through <see cref="ITrainingRunReporter"/>.
/// </summary>
internal static class MusicTrainingRun
{
    /// <summary>Exports the checkpoint (no optimizer state) into the archive as "&lt;checkpoint hash&gt;.ckpt"; returns its version id.</summary>
    public static string Publish(string checkpoint, string archiveFolder)
    {
        Directory.CreateDirectory(archiveFolder);
        var staging = Path.Combine(archiveFolder, $".publishing-{Guid.NewGuid():N}.ckpt");
        try
        {
            MusicCheckpoint.Export(checkpoint, staging);
            var hash = MusicCheckpoint.Version(staging);
            var target = Path.Combine(archiveFolder, hash + ".ckpt");
            if (!File.Exists(target)) File.Move(staging, target); // complete or absent: a loader never sees half a file
            return MusicGenerator.VersionOf(hash);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    public static void Train(ITrainingRunReporter self, Guid runToken, MusicTrainingJob job, TrainingOptions options, Control control)
    {
        var token = control.Stopping.Token;
        try
        {
            TorchRuntime.Initialize();
            var data = new MusicData(job.TrainFolder, job.ValidationFolder, job.MaxTrainFiles, job.MaxValidationFiles);
            var observer = new ReportingObserver(self, runToken);
            var last = Path.Combine(job.RunFolder, MusicTrainer.LastFileName);
            using var trainer = job.Resume && File.Exists(last)
                ? MusicTrainer.Resume(last, data, job.RunFolder, observer, o => o with { MaxEpochs = job.Epochs })
                : MusicTrainer.Start(options with { MaxEpochs = job.Epochs }, data, job.RunFolder, observer);
            var result = trainer.Run(token);
            if (control.HandedOver) return; // the silo is going away: the phase stays Running for the resume
            var phase = token.IsCancellationRequested ? TrainingPhase.Stopped : TrainingPhase.Finished;
            self.ReportEndAsync(runToken, phase, result.StopReason).GetAwaiter().GetResult();
        }
        catch (Exception error) when (!control.HandedOver)
        {
            try
            {
                self.ReportEndAsync(runToken, TrainingPhase.Failed, error.Message).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // The coordinator is unreachable (its silo died under the run): the reminder resumes the run elsewhere.
            }
        }
        catch (Exception)
        {
            // Handed over: a report refused by the next activation ends this run; the resumed one carries on.
        }
    }

    /// <summary>Shared by the grain and its run's thread: stop, and whether the stop hands the run to another silo.</summary>
    public sealed class Control
    {
        public CancellationTokenSource Stopping { get; } = new();

        public volatile bool HandedOver;
    }

    public static TrainingOptions Validate(MusicTrainingJob job)
    {
        foreach (var (folder, field) in new[] { (job.TrainFolder, "trainFolder"), (job.ValidationFolder, "validationFolder") })
            if (!Directory.Exists(folder)) throw GenerationRequestException.Invalid(field, $"{field} '{folder}' is not a folder on the model-host silo.");
        if (job.Epochs is < 1 or > 10_000) throw GenerationRequestException.Invalid("epochs", $"epochs must be within 1..10000 (got {job.Epochs}).");
        if (string.IsNullOrWhiteSpace(job.RunFolder)) throw GenerationRequestException.Invalid("runFolder", "runFolder is required.");
        try
        {
            var options = job.OptionsJson is null ? TrainingOptions.PianoSmall : JsonSerializer.Deserialize<TrainingOptions>(job.OptionsJson, MusicCheckpoint.Json)!;
            return options.Validate();
        }
        catch (Exception error) when (error is JsonException or ArgumentException or NullReferenceException)
        {
            throw GenerationRequestException.Invalid("optionsJson", $"optionsJson is not valid training options: {error.Message}");
        }
    }

    /// <summary>Hands each finished epoch to the grain and waits, so epochs never overtake their publishing.</summary>
    private sealed class ReportingObserver(ITrainingRunReporter coordinator, Guid runToken) : ITrainingObserver
    {
        public void EpochDone(EpochRecord record, bool improved) =>
            coordinator.ReportEpochAsync(runToken, new EpochReport(record.Epoch, record.TrainLoss, record.ValidationLoss, improved))
                .GetAwaiter().GetResult();
    }
}
