using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Personal;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Personal;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Grains.Personal;

/// <summary>
/// A user's photos and the training grain of their personal model. The fine-tune runs on a thread of its own (never
/// on the Orleans scheduler) on this model-host silo and reports progress back through the grain; its checkpoints sit
/// in the shared model folder, so a run cut off by a silo stop continues from its last checkpoint on the next start,
/// wherever that lands. A finished run is published to the archive, and requests then use that version.
/// </summary>
[ModelHostPlacementFilter]
public sealed class PersonalLandscapeGrain(
    [PersistentState("personal-landscapes", StorageNames.Default)] IPersistentState<PersonalLandscapeState> state,
    PersonalModelStore store,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<PersonalLandscapeGrain> logger) : Grain, IPersonalLandscapeGrain
{
    private CancellationTokenSource? stopping;
    private Task? run;

    private string UserId => this.GetPrimaryKeyString();
    private bool Running => run is { IsCompleted: false };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, nameof(PersonalLandscapeGrain));
        if (state.State.Phase == PersonalModelPhase.Training)
        {
            state.State.Phase = PersonalModelPhase.Stopped;
            state.State.Message = $"interrupted at step {state.State.Step} (the silo stopped); POST landscape-models again to continue from the last checkpoint";
            await state.WriteStateAsync();
        }
    }

    public async Task<PersonalPhotos> AddPhotosAsync(PhotoUpload[] photos)
    {
        var limits = store.Settings.Photos;
        if (photos.Length == 0) throw GenerationRequestException.Invalid("photos", "The upload holds no photos (multipart form files, JPEG or PNG).");
        if (Running) throw GenerationRequestException.Invalid("photos", "A fine-tune is reading the photos; wait for it to finish or delete the model first.");
        if (state.State.Photos.Count + photos.Length > limits.MaxPhotos)
            throw GenerationRequestException.Invalid("photos", $"{photos.Length} more photos would make {state.State.Photos.Count + photos.Length}; a user keeps at most {limits.MaxPhotos}.");
        // Every photo is checked before any is written: one bad file refuses the upload and nothing of it is kept.
        var checkedPhotos = await Task.Run(() => photos.Select(photo =>
        {
            try
            {
                return (photo, PhotoCheck.Validate(photo.FileName, photo.Bytes, limits));
            }
            catch (PhotoRejectedException rejected)
            {
                throw GenerationRequestException.Invalid("photos", $"{Shown(rejected.FileName)}: {rejected.Reason}. Nothing of this upload was stored.");
            }
        }).ToList());
        var stored = new List<(string StoredName, byte[] Bytes)>();
        foreach (var (photo, info) in checkedPhotos)
            stored.Add(($"{state.State.NextPhotoNumber + stored.Count:D4}.{(info.Format == PhotoCheck.PhotoFormat.Jpeg ? "jpg" : "png")}", photo.Bytes));
        await Task.Run(() => store.StorePhotos(UserId, stored));
        for (var i = 0; i < checkedPhotos.Count; i++)
        {
            var (photo, info) = checkedPhotos[i];
            state.State.Photos.Add(new StoredPhoto(Shown(photo.FileName), info.Format.ToString().ToLowerInvariant(), info.Width, info.Height, photo.Bytes.Length));
            state.State.StoredNames.Add(stored[i].StoredName);
        }
        state.State.NextPhotoNumber += stored.Count;
        await ForgetInterruptedRunAsync();
        await state.WriteStateAsync();
        return Photos();
    }

    public Task<PersonalPhotos> GetPhotosAsync() => Task.FromResult(Photos());

    public async Task<PersonalPhotos> DeletePhotosAsync()
    {
        if (Running) throw GenerationRequestException.Invalid("photos", "A fine-tune is reading the photos; delete the model first (that stops it).");
        await Task.Run(() => store.DeletePhotos(UserId));
        state.State.Photos.Clear();
        state.State.StoredNames.Clear();
        await ForgetInterruptedRunAsync();
        await state.WriteStateAsync();
        return Photos();
    }

    public async Task<PersonalModelStatus> StartTrainingAsync(PersonalTrainingRequest request)
    {
        if (Running) throw GenerationRequestException.Invalid("model", $"A fine-tune is already running (step {state.State.Step}).");
        var settings = store.Settings;
        if (state.State.Photos.Count < settings.Photos.MinPhotosToTrain)
            throw GenerationRequestException.Invalid("photos", $"A personal model needs at least {settings.Photos.MinPhotosToTrain} photos; {state.State.Photos.Count} uploaded.");
        var budget = request.CpuMinutes is { } minutes ? minutes * 60 : settings.FineTune.CpuBudgetSeconds;
        if (!(budget > 0) || budget > settings.MaxCpuMinutes * 60)
            throw GenerationRequestException.Invalid("cpuMinutes", $"cpuMinutes must be above 0 and at most {settings.MaxCpuMinutes}.");
        var resume = state.State.Phase == PersonalModelPhase.Stopped;
        if (!resume) store.DeleteRun(UserId);
        state.State.Phase = PersonalModelPhase.Training;
        state.State.BudgetCpuSeconds = budget;
        state.State.Message = resume ? "continuing from the last checkpoint" : "starting";
        if (!resume) (state.State.Step, state.State.CpuSeconds) = (0, 0);
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromDays(1)); // the run reports to this activation; keep it while training
        stopping = new CancellationTokenSource();
        var self = this.AsReference<IPersonalLandscapeGrain>();
        var (token, userId) = (stopping.Token, UserId);
        run = Task.Factory.StartNew(() => Train(self, store, userId, budget, logger, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Status();
    }

    public Task<PersonalModelStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <remarks>
    /// A running fine-tune is told to stop but not waited for: it reports its end through this (non-reentrant) grain,
    /// which would wait on this call. Whatever it still writes is deleted when that report comes.
    /// </remarks>
    public async Task<PersonalModelStatus> DeleteModelAsync()
    {
        if (stopping is not null) await stopping.CancelAsync();
        await Task.Run(() => store.DeleteModels(UserId));
        (state.State.Phase, state.State.Step, state.State.CpuSeconds, state.State.ModelVersion) = (PersonalModelPhase.None, 0, 0, null);
        state.State.Message = Running ? "deleted; the running fine-tune is stopping" : "deleted";
        await state.WriteStateAsync();
        return Status();
    }

    /// <summary>Old recipes keep regenerating after a retrain (every published version stays until the model is deleted).</summary>
    public Task RequireVersionAsync(string version) =>
        store.Keeps(UserId, version)
            ? Task.CompletedTask
            : throw new GenerationRequestException(GenerationErrorKind.Gone, $"Version {version} of this user's personal model is no longer kept (the model was deleted).", "model");

    public Task ReportProgressAsync(long step, double cpuSeconds)
    {
        (state.State.Step, state.State.CpuSeconds) = (step, cpuSeconds);
        state.State.Message = $"step {step}, {cpuSeconds:F0} of {state.State.BudgetCpuSeconds:F0} CPU s";
        return Task.CompletedTask; // written at the end: progress is cheap to lose, a write per step is not
    }

    public async Task ReportEndAsync(PersonalModelPhase phase, string? modelVersion, string message)
    {
        if (state.State.Phase != PersonalModelPhase.Training)
        {
            await Task.Run(() => store.DeleteModels(UserId)); // deleted meanwhile: remove what the run wrote since
            return;
        }
        var previous = state.State.ModelVersion;
        state.State.Phase = phase;
        state.State.Message = message;
        if (phase == PersonalModelPhase.Ready && modelVersion is not null)
        {
            state.State.ModelVersion = modelVersion;
            store.DeleteRun(UserId); // finished: the checkpoints are not needed again
        }
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.Zero);
        if (previous is not null && previous != state.State.ModelVersion) logger.LogInformation("Personal model of {User}: {Old} replaced by {New}", UserId, previous, modelVersion);
    }

    private static void Train(IPersonalLandscapeGrain self, PersonalModelStore store, string userId, double budget, ILogger logger, CancellationToken token)
    {
        try
        {
            TorchRuntime.Initialize();
            var settings = store.Settings;
            int resolution;
            using (var baseModel = LandscapeModelLoader.Load(settings.BaseModelPath)) resolution = baseModel.Resolution;
            using var photos = PersonalPhotoSet.Load(store.PhotoFolder(userId), resolution, settings.Photos);
            var runFolder = store.RunFolder(userId);
            using var fineTune = PersonalFineTune.CanResume(runFolder)
                ? PersonalFineTune.Resume(runFolder, budget)
                : PersonalFineTune.Start(settings.BaseModelPath, settings.BaseDiscriminatorPath, photos, runFolder, settings.FineTune with { CpuBudgetSeconds = budget });
            var result = fineTune.Run(photos, p => self.ReportProgressAsync(p.Step, p.CpuSeconds).GetAwaiter().GetResult(), cancellationToken: token);
            if (!result.Finished)
            {
                self.ReportEndAsync(PersonalModelPhase.Stopped, null, $"stopped at step {result.Steps} ({result.CpuSeconds:F0} CPU s)").GetAwaiter().GetResult();
                return;
            }
            var version = store.Publish(userId, fineTune);
            self.ReportEndAsync(PersonalModelPhase.Ready, version, $"ready: {result.Steps} steps, {result.CpuSeconds:F0} CPU s; version {version}").GetAwaiter().GetResult();
        }
        catch (Exception error)
        {
            logger.LogError(error, "Personal fine-tune of {User} failed", userId);
            self.ReportEndAsync(PersonalModelPhase.Failed, null, $"failed: {error.Message}").GetAwaiter().GetResult();
        }
    }

    /// <summary>New or deleted photos make an interrupted run's checkpoints stale: the next start begins afresh.</summary>
    private async Task ForgetInterruptedRunAsync()
    {
        if (state.State.Phase != PersonalModelPhase.Stopped) return;
        await Task.Run(() => store.DeleteRun(UserId));
        state.State.Phase = state.State.ModelVersion is null ? PersonalModelPhase.None : PersonalModelPhase.Ready;
        state.State.Message = "the photos changed: the interrupted run was discarded";
    }

    private PersonalPhotos Photos() => new([.. state.State.Photos], store.Settings.Photos.MaxPhotos);

    private PersonalModelStatus Status()
    {
        var s = state.State;
        return new PersonalModelStatus(s.Phase, s.Step, s.CpuSeconds, s.BudgetCpuSeconds, s.ModelVersion, PersonalModelStore.RequestName, PersonalCategory.Name, s.Message);
    }

    private static string Shown(string name)
    {
        var clean = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return clean.Length <= 100 ? clean : clean[..100] + "…";
    }
}
