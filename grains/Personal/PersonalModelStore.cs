using CreativeGen.GrainInterfaces.Personal;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Personal;

namespace CreativeGen.Grains.Personal;

/// <summary>
/// The one home of personal-model files: a user's photos, the run folder of their fine-tune, and the published
/// versions ("&lt;checkpoint hash&gt;.ckpt" in archive/personal/&lt;user&gt;/), and the model name recipes carry.
/// </summary>
public sealed class PersonalModelStore(PersonalLandscapeSettings settings)
{
    /// <summary>What a landscape request names to use the requesting user's own model.</summary>
    public const string RequestName = "personal";

    private const string NamePrefix = "personal-";

    public PersonalLandscapeSettings Settings { get; } = settings;

    /// <summary>The model name in a user's recipes ("personal-&lt;user id&gt;").</summary>
    public static string ModelName(string userId) => NamePrefix + userId;

    /// <summary>The user whose model <paramref name="modelName"/> is, or null for any other model.</summary>
    public static string? UserOf(string modelName) =>
        modelName.StartsWith(NamePrefix, StringComparison.Ordinal) && IsSafeId(modelName[NamePrefix.Length..]) ? modelName[NamePrefix.Length..] : null;

    public string PhotoFolder(string userId) => Path.Combine(Settings.Root, "personal", Safe(userId), "photos");

    public string RunFolder(string userId) => Path.Combine(Settings.Root, "personal", Safe(userId), "run");

    public string ArchiveFolder(string userId) => Path.Combine(Settings.Root, "archive", "personal", Safe(userId));

    /// <summary>Writes checked photos; if any write fails, the ones written by this call are removed again.</summary>
    public void StorePhotos(string userId, IReadOnlyList<(string StoredName, byte[] Bytes)> photos)
    {
        var folder = Directory.CreateDirectory(PhotoFolder(userId)).FullName;
        var written = new List<string>();
        try
        {
            foreach (var (name, bytes) in photos)
            {
                var path = Path.Combine(folder, name);
                AtomicFile.WriteAllBytes(path, bytes);
                written.Add(path);
            }
        }
        catch
        {
            foreach (var path in written) File.Delete(path);
            throw;
        }
    }

    public void DeletePhotos(string userId) => DeleteFolder(PhotoFolder(userId));

    public void DeleteRun(string userId) => DeleteFolder(RunFolder(userId));

    public void DeleteModels(string userId)
    {
        DeleteRun(userId);
        DeleteFolder(ArchiveFolder(userId));
    }

    /// <summary>Exports the fine-tune's model into the archive as "&lt;hash&gt;.ckpt" (complete or absent); returns its version.</summary>
    public string Publish(string userId, PersonalFineTune fineTune)
    {
        var archive = Directory.CreateDirectory(ArchiveFolder(userId)).FullName;
        var staging = Path.Combine(archive, $".publishing-{Guid.NewGuid():N}.ckpt");
        try
        {
            fineTune.ExportModel(staging);
            string version;
            using (var model = LandscapeModelLoader.Load(staging)) version = model.ModelVersion;
            var target = VersionPath(userId, version)!;
            if (!File.Exists(target)) File.Move(staging, target);
            return version;
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>A kept version of the user's model, loaded; null when it is not kept (never kept, or deleted).</summary>
    public ILandscapeGenerator? LoadVersion(string userId, string version)
    {
        if (VersionPath(userId, version) is not { } path || !File.Exists(path)) return null;
        TorchRuntime.Initialize();
        return LandscapeModelLoader.Load(path);
    }

    public bool Keeps(string userId, string version) => VersionPath(userId, version) is { } path && File.Exists(path);

    private string? VersionPath(string userId, string version)
    {
        var hash = version.Split('.')[0];
        return hash.Length == 0 || hash.Any(c => !char.IsAsciiLetterOrDigit(c)) ? null : Path.Combine(ArchiveFolder(userId), hash + ".ckpt"); // an id, never a path
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static bool IsSafeId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>User ids are 32 hex digits; anything else never becomes a path.</summary>
    private static string Safe(string userId) =>
        IsSafeId(userId) ? userId : throw new ArgumentException($"'{userId}' is not a user id that can name a folder.", nameof(userId));
}
