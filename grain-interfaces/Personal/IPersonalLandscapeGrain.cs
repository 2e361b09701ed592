namespace CreativeGen.GrainInterfaces.Personal;

/// <summary>
/// A user's personal landscapes (key: user id), on a model-host silo: their photos, and the training grain that
/// fine-tunes the shipped landscape model on them under a CPU budget. The photos, the run's checkpoints and the
/// published model live in the shared model folder, so a reactivation on another silo finds them.
/// </summary>
[Alias("CreativeGen.IPersonalLandscapeGrain")]
public interface IPersonalLandscapeGrain : IGrainWithStringKey
{
    /// <summary>Checks every photo first; one bad photo refuses the whole upload (its name and the reason) and nothing is stored.</summary>
    [Alias("AddPhotos")]
    Task<PersonalPhotos> AddPhotosAsync(PhotoUpload[] photos);

    [Alias("GetPhotos")]
    Task<PersonalPhotos> GetPhotosAsync();

    /// <summary>Deletes every photo (refused while a fine-tune reads them).</summary>
    [Alias("DeletePhotos")]
    Task<PersonalPhotos> DeletePhotosAsync();

    /// <summary>Starts a fine-tune on the photos (or continues an interrupted one); refused while one runs.</summary>
    [Alias("StartTraining")]
    Task<PersonalModelStatus> StartTrainingAsync(PersonalTrainingRequest request);

    [Alias("GetStatus")]
    Task<PersonalModelStatus> GetStatusAsync();

    /// <summary>Stops a running fine-tune and deletes the personal model: its files, checkpoints and every version.</summary>
    [Alias("DeleteModel")]
    Task<PersonalModelStatus> DeleteModelAsync();

    /// <summary>Throws a Gone error unless <paramref name="version"/> is a version of this user's model that is still kept.</summary>
    [Alias("RequireVersion")]
    Task RequireVersionAsync(string version);

    /// <summary>Called by the run itself (not for clients).</summary>
    [Alias("ReportProgress")]
    Task ReportProgressAsync(long step, double cpuSeconds);

    /// <summary>Called by the run itself when it ends (not for clients): the published checkpoint, or why none.</summary>
    [Alias("ReportEnd")]
    Task ReportEndAsync(PersonalModelPhase phase, string? modelFile, string message);
}

/// <summary>One uploaded file: the client's name for it and its bytes.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.PhotoUpload")]
public sealed record PhotoUpload(string FileName, byte[] Bytes);

/// <summary>A stored photo: the client's name, format and size.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.StoredPhoto")]
public sealed record StoredPhoto(string FileName, string Format, int Width, int Height, long Bytes);

[GenerateSerializer, Immutable, Alias("CreativeGen.PersonalPhotos")]
public sealed record PersonalPhotos(StoredPhoto[] Photos, int MaxPhotos);

/// <param name="CpuMinutes">Process CPU minutes of training steps; null: the silo's default (10).</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.PersonalTrainingRequest")]
public sealed record PersonalTrainingRequest(double? CpuMinutes = null);

[GenerateSerializer, Alias("CreativeGen.PersonalModelPhase")]
public enum PersonalModelPhase { None, Training, Ready, Stopped, Failed }

/// <param name="ModelVersion">The version requests are served from once Ready (a recipe names it).</param>
/// <param name="Model">The model name to put in a landscape request: "personal".</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.PersonalModelStatus")]
public sealed record PersonalModelStatus(
    PersonalModelPhase Phase,
    long Step,
    double CpuSeconds,
    double BudgetCpuSeconds,
    string? ModelVersion,
    string Model,
    string Category,
    string? Message);
