using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Music.Training;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Grains.Training;

/// <summary>
/// Runs a music training on a thread of its own (never on the Orleans scheduler) on a model-host silo. The run
/// reports each epoch back through <see cref="ITrainingRunReporter"/> (with its token), so that the grain's state and the publishing happen on
/// its scheduler: an improved epoch's model is exported to the model's archive folder as "&lt;hash&gt;.ckpt" and the
/// model grain hot-swaps to it. The run survives its silo through its checkpoints and a reminder: while a run is
/// on, the reminder <see cref="ResumeReminder"/> ticks; when the silo running it dies (or shuts down), the reminder
/// service of a surviving silo fires it, the coordinator activates on a surviving model host and continues from the
/// last finished epoch (run folder's last.ckpt) by itself, with no client call.
/// </summary>
[ModelHostPlacementFilter]
public sealed class TrainingCoordinatorGrain(
    [PersistentState("training", StorageNames.Default)] IPersistentState<TrainingCoordinatorState> state,
    IGeneratorCatalog catalog,
    ModelHostRole role,
    ILocalSiloDetails silo,
    TrainingResumeSettings resume,
    ILogger<TrainingCoordinatorGrain> logger) : Grain, ITrainingCoordinatorGrain, ITrainingRunReporter, IRemindable
{
    /// <summary>The reminder that brings a running training back after its silo is gone.</summary>
    public const string ResumeReminder = "resume-training";

    private MusicTrainingRun.Control? control;
    private Task? run;
    private Guid runToken; // known to this activation and the thread it started, never to a client

    private string ModelName => this.GetPrimaryKeyString();

    private bool RunLive => run is { IsCompleted: false };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, nameof(TrainingCoordinatorGrain));
        if (state.State.Phase == TrainingPhase.Running) await ResumeAsync(); // the silo that ran it went away mid-run
    }

    /// <summary>
    /// On a graceful shutdown the run is interrupted without recording an end, so the phase stays Running and the
    /// reminder resumes it on another model host (an abrupt death leaves the same state behind).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (control is null || !RunLive) return;
        control.HandedOver = true;
        await control.Stopping.CancelAsync();
        try
        {
            await run!.WaitAsync(cancellationToken);
        }
        catch (Exception error) when (error is OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("Training {Model} did not stop within the deactivation time ({Reason}); the reminder resumes it from its last epoch", ModelName, reason);
        }
    }

    public async Task<TrainingStatus> StartAsync(MusicTrainingJob job)
    {
        if (RunLive) throw GenerationRequestException.Invalid("job", $"'{ModelName}' is already training (epoch {state.State.Epoch}); stop it first.");
        var options = MusicTrainingRun.Validate(job);
        state.State = new TrainingCoordinatorState { Job = job, Phase = TrainingPhase.Running, DeployedVersions = job.Resume ? state.State.DeployedVersions : [] };
        await BeginRunAsync(job, options);
        return Status();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (state.State.Phase != TrainingPhase.Running) await ForgetReminderAsync(); // left over from a run that ended
        else if (!RunLive) await ResumeAsync();
    }

    /// <summary>Continues the persisted job from the run folder's last checkpoint, unless it has been resumed too often.</summary>
    private async Task ResumeAsync()
    {
        if (state.State.Job is not { } job || state.State.Resumes >= resume.MaxResumes)
        {
            await EndAsync(TrainingPhase.Failed, $"interrupted after epoch {state.State.Epoch} and not resumed: " +
                (state.State.Job is null ? "the job is not recorded" : $"already resumed {state.State.Resumes} times"));
            return;
        }
        try
        {
            var options = MusicTrainingRun.Validate(job);
            state.State.Resumes++;
            state.State.Message = $"resumed after epoch {state.State.Epoch} on silo {silo.SiloAddress} (its silo stopped)";
            logger.LogWarning("Training {Model} was interrupted after epoch {Epoch}; resuming on {Silo} (resume {Count})", ModelName, state.State.Epoch, silo.SiloAddress, state.State.Resumes);
            await BeginRunAsync(job with { Resume = true }, options);
        }
        catch (GenerationRequestException error)
        {
            await EndAsync(TrainingPhase.Failed, $"interrupted after epoch {state.State.Epoch} and could not resume on silo {silo.SiloAddress}: {error.Message}");
        }
    }

    /// <summary>Records the run as Running, arms the resume reminder, then starts the run's thread.</summary>
    private async Task BeginRunAsync(MusicTrainingJob job, TrainingOptions options)
    {
        var archive = catalog.MusicArchiveFolder(ModelName)
            ?? throw GenerationRequestException.Invalid("model", $"Music model '{ModelName}' has no archive folder on this silo, so trained versions could not be published.");
        state.State.Phase = TrainingPhase.Running;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(ResumeReminder, resume.Period, resume.Period);
        DelayDeactivation(TimeSpan.FromDays(30)); // the run reports to this activation; keep it while training
        var runControl = control = new MusicTrainingRun.Control();
        var self = this.AsReference<ITrainingRunReporter>();
        var reporterToken = runToken = Guid.NewGuid();
        run = Task.Factory.StartNew(() => MusicTrainingRun.Train(self, reporterToken, job, options, runControl), runControl.Stopping.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        logger.LogInformation("Training {Model} to {Epochs} epochs in {RunFolder}{Resume}; versions go to {Archive}",
            ModelName, job.Epochs, job.RunFolder, job.Resume ? " (resuming)" : "", archive);
    }

    public Task<TrainingStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <summary>Asks the run to stop and returns at once: the run then reports its end to this grain (waiting here would block that report).</summary>
    public async Task<TrainingStatus> StopAsync()
    {
        if (control is not null) await control.Stopping.CancelAsync();
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
                var version = await Task.Run(() => MusicTrainingRun.Publish(best, catalog.MusicArchiveFolder(ModelName)!));
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
        await EndAsync(phase, message);
    }

    private async Task EndAsync(TrainingPhase phase, string message)
    {
        state.State.Phase = phase;
        state.State.Message = message;
        await state.WriteStateAsync();
        await ForgetReminderAsync();
        DelayDeactivation(TimeSpan.Zero);
    }

    private async Task ForgetReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception error) when (error is ReminderException or TimeoutException or OrleansException)
        {
            // Harmless: a stray tick finds the run ended and tries again.
            logger.LogWarning(error, "Could not remove the resume reminder of training {Model}", ModelName);
        }
    }

    /// <summary>Refuses a report that does not come from the run this activation started.</summary>
    private void EnsureOwnRun(Guid token, string call)
    {
        if (run is not null && token != Guid.Empty && token == runToken) return;
        logger.LogWarning("Refused {Call} on training coordinator {Model}: the caller is not the running training", call, ModelName);
        throw new UnauthorizedAccessException($"{call} is for the coordinator's own training run only.");
    }

    private TrainingStatus Status()
    {
        var s = state.State;
        return new TrainingStatus(s.Phase, s.Epoch, s.ValidationLoss, s.BestValidationLoss, [.. s.DeployedVersions], s.Message, s.Resumes);
    }
}
