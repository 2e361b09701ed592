using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Cluster.Tests.Generators;

/// <summary>Registers the test generators under the default model names (and extra names) in a silo.</summary>
public sealed class TestModels(SimulatedCost? musicCost = null, SimulatedCost? landscapeCost = null)
{
    public const string Music = "music-piano";
    public const string Landscape = "landscape-64";

    public FixedPatternMusicGenerator MusicGenerator { get; } = new(cost: musicCost);

    public FixedPatternLandscapeGenerator LandscapeGenerator { get; } = new(cost: landscapeCost);

    public void Register(IServiceCollection services, params string[] extraMusicNames)
    {
        services.AddMusicModel(Music, () => MusicGenerator);
        services.AddLandscapeModel(Landscape, () => LandscapeGenerator);
        foreach (var name in extraMusicNames) services.AddMusicModel(name, () => MusicGenerator);
    }
}
