namespace CreativeGen.GrainInterfaces.Training;

/// <summary>
/// Trains a music model (key: the model name the model grains serve) on a model-host silo. After every epoch the
/// run's checkpoint is on disk; after every epoch that improves the validation loss, the model is published to the
/// model's archive and the model grain hot-swaps to it, so new weights serve without a failed request.
/// </summary>
[Alias("CreativeGen.ITrainingCoordinatorGrain")]
public interface ITrainingCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, with <see cref="MusicTrainingJob.Resume"/>, continues) a run; refused while one is running.</summary>
    [Alias("Start")]
    Task<TrainingStatus> StartAsync(MusicTrainingJob job);

    [Alias("Status")]
    Task<TrainingStatus> GetStatusAsync();

    /// <summary>Asks the run to stop (it ends within a batch; the status says Stopped once it has). Its last finished epoch stays on disk; a start with Resume continues from it.</summary>
    [Alias("Stop")]
    Task<TrainingStatus> StopAsync();

    // The run's own callbacks (epoch done, run ended) are not here: they are the grains assembly's
    // ITrainingRunReporter, which checks a token only the run holds.
}

/// <param name="TrainFolder">MIDI files to train on (on the model-host silo).</param>
/// <param name="ValidationFolder">MIDI files to validate on.</param>
/// <param name="RunFolder">Where the run keeps its checkpoints (last.ckpt every epoch, best.ckpt).</param>
/// <param name="Epochs">Total epochs to reach (including those of a resumed run).</param>
/// <param name="OptionsJson">The training options as JSON (the CLI's preset names and fields); null: the piano-small preset.</param>
/// <param name="Resume">Continue from RunFolder/last.ckpt instead of starting afresh.</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicTrainingJob")]
public sealed record MusicTrainingJob(
    string TrainFolder,
    string ValidationFolder,
    string RunFolder,
    int Epochs,
    int? MaxTrainFiles = null,
    int? MaxValidationFiles = null,
    string? OptionsJson = null,
    bool Resume = false);

public enum TrainingPhase
{
    Idle = 0,
    Running = 1,
    Finished = 2,
    Stopped = 3,
    Failed = 4,
}

/// <summary>
/// Where a training run stands; <see cref="DeployedVersions"/> lists what it swapped in, oldest first;
/// <see cref="Resumes"/> counts how often it came back by itself after its silo went away.
/// </summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.TrainingStatus")]
public sealed record TrainingStatus(
    TrainingPhase Phase,
    int Epoch,
    double? ValidationLoss,
    double? BestValidationLoss,
    string[] DeployedVersions,
    string? Message,
    int Resumes = 0);

/// <summary>One finished epoch; <see cref="Improved"/>: it improved the validation loss, so the run folder's best checkpoint is new.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.EpochReport")]
public sealed record EpochReport(int Epoch, double TrainLoss, double ValidationLoss, bool Improved);
