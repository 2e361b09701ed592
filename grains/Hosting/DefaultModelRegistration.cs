using CreativeGen.Grains.Personal;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Grains.Hosting;

/// <summary>
/// THE one place where the shipped models are wired to their concrete loaders (used by the silo host and
/// `creativegen serve`). Models load lazily, on the first request to their model grain, on a model host.
/// </summary>
public static class DefaultModelRegistration
{
    public static IServiceCollection AddDefaultModels(this IServiceCollection services, DefaultModelNames names, string? modelDirectory)
    {
        var directory = modelDirectory ?? DefaultModels.Directory;
        services.AddMusicModel(names.Music, () => LoadMusic(Require(directory, DefaultModels.MusicFileName)),
            version => Archived(directory, DefaultModels.MusicFileName, version) is { } path ? LoadMusic(path) : null,
            ArchiveFolder(directory, DefaultModels.MusicFileName));
        services.AddMusicModel(names.Pop, () => LoadMusic(Require(directory, DefaultModels.PopFileName)),
            version => Archived(directory, DefaultModels.PopFileName, version) is { } path ? LoadMusic(path) : null,
            ArchiveFolder(directory, DefaultModels.PopFileName));
        services.AddLandscapeModel(names.Landscape, () => LoadLandscape(Require(directory, DefaultModels.LandscapeFileName)),
            version => Archived(directory, DefaultModels.LandscapeFileName, version) is { } path ? LoadLandscape(path) : null);
        services.AddPersonalLandscapes(PersonalLandscapeSettings.Beside(directory));
        return services;
    }

    private static IMusicGenerator LoadMusic(string path)
    {
        TorchRuntime.Initialize();
        return MusicModelLoader.Load(path);
    }

    private static ILandscapeGenerator LoadLandscape(string path)
    {
        TorchRuntime.Initialize();
        return LandscapeModelLoader.Load(path);
    }

    /// <summary>
    /// Earlier versions of a model are kept as archive/&lt;model file name without extension&gt;/&lt;checkpoint hash&gt;.ckpt
    /// beside it, so recipes made by them still regenerate after the model is replaced. A version id is the checkpoint
    /// hash, for music followed by ".&lt;sampling revision&gt;"; the catalog refuses a file whose loaded version differs.
    /// </summary>
    private static string? Archived(string directory, string fileName, string version)
    {
        var checkpointHash = version.Split('.')[0];
        if (checkpointHash.Length == 0 || checkpointHash.Any(c => !char.IsAsciiLetterOrDigit(c))) return null; // an id, never a path
        var path = Path.Combine(ArchiveFolder(directory, fileName), checkpointHash + ".ckpt");
        return File.Exists(path) ? path : null;
    }

    /// <summary>models/archive/&lt;file name without extension&gt;: where earlier (and freshly trained) versions are kept.</summary>
    private static string ArchiveFolder(string directory, string fileName) => Path.Combine(directory, "archive", Path.GetFileNameWithoutExtension(fileName));

    private static string Require(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Model file {fileName} not found in {directory} (set CreativeGen:ModelDirectory or CREATIVEGEN_MODELS).", path);
    }
}
