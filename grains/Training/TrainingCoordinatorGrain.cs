using System.Text.Json;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Training;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Grains.Training;

/// <summary>
/// Runs a music training on a thread of its own (never on the Orleans scheduler) on a model-host silo. The run
/// reports each epoch back through <see cref="ITrainingRunReporter"/> (with its token), so that the grain's state and the publishing happen on
/// its scheduler: an improved epoch's model is exported to the model's archive folder as "&lt;hash&gt;.ckpt" and the
/// model grain hot-swaps to it. The run survives nothing but its checkpoints: after a silo restart the state says
/// where it stopped, and a start with Resume continues from the last finished epoch.
/// </summary>
[ModelHostPlacementFilter]
public sealed class TrainingCoordinatorGrain(
    [PersistentState("training", StorageNames.Default)] IPersistentState<TrainingCoordinatorState> state,
    IGeneratorCatalog catalog,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<TrainingCoordinatorGrain> logger) : Grain, ITrainingCoordinatorGrain, ITrainingRunReporter
{
    private CancellationTokenSource? stopping;
    private Task? run;
    private Guid runToken; // known to this activation and the thread it started, never to a client

    private string ModelName => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, nameof(TrainingCoordinatorGrain));
        if (state.State.Phase == TrainingPhase.Running)
        {
            // The silo that ran it went away mid-run: the checkpoints on disk are what is left.
            state.State.Phase = TrainingPhase.Stopped;
            state.State.Message = $"interrupted after epoch {state.State.Epoch} (the silo stopped); start again with Resume to continue";
            await state.WriteStateAsync();
        }
    }

    public async Task<TrainingStatus> StartAsync(MusicTrainingJob job)
    {
        if (run is { IsCompleted: false }) throw GenerationRequestException.Invalid("job", $"'{ModelName}' is already training (epoch {state.State.Epoch}); stop it first.");
        var options = Validate(job);
        var archive = catalog.MusicArchiveFolder(ModelName)
            ?? throw GenerationRequestException.Invalid("model", $"Music model '{ModelName}' has no archive folder on this silo, so trained versions could not be published.");
        state.State = new TrainingCoordinatorState { Job = job, Phase = TrainingPhase.Running, DeployedVersions = job.Resume ? state.State.DeployedVersions : [] };
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromDays(30)); // the run reports to this activation; keep it while training
        stopping = new CancellationTokenSource();
        var self = this.AsReference<ITrainingRunReporter>();
        var token = stopping.Token;
        var reporterToken = runToken = Guid.NewGuid();
        run = Task.Factory.StartNew(() => Train(self, reporterToken, job, options, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        logger.LogInformation("Training {Model} to {Epochs} epochs in {RunFolder}; versions go to {Archive}", ModelName, job.Epochs, job.RunFolder, archive);
        return Status();
    }

    public Task<TrainingStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <summary>Asks the run to stop and returns at once: the run then reports its end to this grain (waiting here would block that report).</summary>
    public async Task<TrainingStatus> StopAsync()
    {
        if (stopping is not null) await stopping.CancelAsync();
        return Status();
    }

    public async Task ReportEpochAsync(Guid runToken, EpochReport report)
    {
        EnsureOwnRun(runToken, nameof(ReportEpochAsync));
        state.State.Epoch = report.Epoch;
        state.State.ValidationLoss = report.ValidationLoss;
        if (report.Improved && state.State.Job is { } job)
        {
            var best = Path.Combine(job.RunFolder, MusicTrainer.BestFileName); // the job's own file, never a path a caller names
            state.State.BestValidationLoss = report.ValidationLoss;
            try
            {
                var version = await Task.Run(() => Publish(best, catalog.MusicArchiveFolder(ModelName)!));
                await GrainFactory.GetGrain<IMusicModelGrain>(ModelName).SwapAsync(version);
                state.State.DeployedVersions = [.. state.State.DeployedVersions, version];
                state.State.Message = $"epoch {report.Epoch}: serving {version}";
            }
            catch (Exception error)
            {
                // Training goes on; the model keeps serving what it served.
                logger.LogError(error, "Publishing epoch {Epoch} of {Model} failed", report.Epoch, ModelName);
                state.State.Message = $"epoch {report.Epoch}: not deployed: {error.Message}";
            }
        }
        await state.WriteStateAsync();
    }

    public async Task ReportEndAsync(Guid runToken, TrainingPhase phase, string message)
    {
        EnsureOwnRun(runToken, nameof(ReportEndAsync));
        state.State.Phase = phase;
        state.State.Message = message;
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.Zero);
    }

    /// <summary>Refuses a report that does not come from the run this activation started.</summary>
    private void EnsureOwnRun(Guid token, string call)
    {
        if (run is not null && token != Guid.Empty && token == runToken) return;
        logger.LogWarning("Refused {Call} on training coordinator {Model}: the caller is not the running training", call, ModelName);
        throw new UnauthorizedAccessException($"{call} is for the coordinator's own training run only.");
    }

    /// <summary>Exports the checkpoint (no optimizer state) into the archive as "&lt;checkpoint hash&gt;.ckpt"; returns its version id.</summary>
    private static string Publish(string checkpoint, string archiveFolder)
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

    private static void Train(ITrainingRunReporter self, Guid runToken, MusicTrainingJob job, TrainingOptions options, CancellationToken token)
    {
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
            var phase = token.IsCancellationRequested ? TrainingPhase.Stopped : TrainingPhase.Finished;
            self.ReportEndAsync(runToken, phase, result.StopReason).GetAwaiter().GetResult();
        }
        catch (Exception error)
        {
            self.ReportEndAsync(runToken, TrainingPhase.Failed, error.Message).GetAwaiter().GetResult();
        }
    }

    private static TrainingOptions Validate(MusicTrainingJob job)
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

    private TrainingStatus Status()
    {
        var s = state.State;
        return new TrainingStatus(s.Phase, s.Epoch, s.ValidationLoss, s.BestValidationLoss, [.. s.DeployedVersions], s.Message);
    }

    /// <summary>Hands each finished epoch to the grain and waits, so epochs never overtake their publishing.</summary>
    private sealed class ReportingObserver(ITrainingRunReporter coordinator, Guid runToken) : ITrainingObserver
    {
        public void EpochDone(EpochRecord record, bool improved) =>
            coordinator.ReportEpochAsync(runToken, new EpochReport(record.Epoch, record.TrainLoss, record.ValidationLoss, improved))
                .GetAwaiter().GetResult();
    }
}

/// <summary>A training coordinator's persisted state.</summary>
[GenerateSerializer, Alias("CreativeGen.TrainingCoordinatorState")]
public sealed class TrainingCoordinatorState
{
    [Id(0)] public MusicTrainingJob? Job { get; set; }

    [Id(1)] public TrainingPhase Phase { get; set; }

    [Id(2)] public int Epoch { get; set; }

    [Id(3)] public double? ValidationLoss { get; set; }

    [Id(4)] public double? BestValidationLoss { get; set; }

    [Id(5)] public string[] DeployedVersions { get; set; } = [];

    [Id(6)] public string? Message { get; set; }
}
