using CreativeGen.Grains.Models;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreativeGen.Grains.Hosting;

/// <summary>Registers generators with the catalog that model grains load them from.</summary>
public static class ModelServiceCollectionExtensions
{
    /// <summary>Adds a music model under <paramref name="name"/> (the model grain's key); <paramref name="load"/> runs on first use.</summary>
    public static IServiceCollection AddMusicModel(this IServiceCollection services, string name, Func<IMusicGenerator> load)
    {
        services.AddSingleton(new MusicModelRegistration(name, load));
        services.TryAddSingleton<IGeneratorCatalog, GeneratorCatalog>();
        return services;
    }

    /// <summary>Adds a landscape model under <paramref name="name"/> (the model grain's key); <paramref name="load"/> runs on first use.</summary>
    public static IServiceCollection AddLandscapeModel(this IServiceCollection services, string name, Func<ILandscapeGenerator> load)
    {
        services.AddSingleton(new LandscapeModelRegistration(name, load));
        services.TryAddSingleton<IGeneratorCatalog, GeneratorCatalog>();
        return services;
    }
}
