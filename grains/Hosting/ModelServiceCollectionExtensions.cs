using CreativeGen.Grains.Models;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreativeGen.Grains.Hosting;

/// <summary>Registers generators with the catalog that model grains load them from.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Adds a music model under <paramref name="name"/> (the model grain's key); <paramref name="load"/> runs on first
    /// use; <paramref name="loadArchived"/> loads an earlier version by id, or returns null when it is not kept;
    /// <paramref name="archiveFolder"/> is where it finds them (and where training publishes new versions).
    /// </summary>
    public static IServiceCollection AddMusicModel(this IServiceCollection services, string name, Func<IMusicGenerator> load,
        Func<string, IMusicGenerator?>? loadArchived = null, string? archiveFolder = null)
    {
        services.AddSingleton(new MusicModelRegistration(name, load, loadArchived, archiveFolder));
        services.TryAddSingleton<IGeneratorCatalog, GeneratorCatalog>();
        return services;
    }

    /// <summary>Adds a landscape model; see <see cref="AddMusicModel"/>.</summary>
    public static IServiceCollection AddLandscapeModel(this IServiceCollection services, string name, Func<ILandscapeGenerator> load, Func<string, ILandscapeGenerator?>? loadArchived = null)
    {
        services.AddSingleton(new LandscapeModelRegistration(name, load, loadArchived));
        services.TryAddSingleton<IGeneratorCatalog, GeneratorCatalog>();
        return services;
    }
}
