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
        services.AddMusicModel(names.Music, () => LoadMusic(Require(directory, DefaultModels.MusicFileName)));
        services.AddLandscapeModel(names.Landscape, () => LoadLandscape(Require(directory, DefaultModels.LandscapeFileName)));
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

    private static string Require(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Model file {fileName} not found in {directory} (set CreativeGen:ModelDirectory or CREATIVEGEN_MODELS).", path);
    }
}
