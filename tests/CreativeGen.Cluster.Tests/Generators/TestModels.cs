using System.Collections.Concurrent;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Cluster.Tests.Generators;

/// <summary>Registers the test generators under the default model names (and extra names) in a silo.</summary>
public sealed class TestModels(SimulatedCost? musicCost = null, SimulatedCost? landscapeCost = null)
{
    public const string Music = "music-piano";
    public const string Landscape = "landscape-64";
    public const string Pop = "music-pop";

    public FixedPatternMusicGenerator MusicGenerator { get; } = new(cost: musicCost);

    public FixedPatternLandscapeGenerator LandscapeGenerator { get; } = new(cost: landscapeCost);

    /// <summary>Serves style "pop" (a stand-in: the cluster tests check what reaches it, not music).</summary>
    public FixedPatternMusicGenerator PopGenerator { get; } = new("pop-fixed-1");

    /// <summary>Earlier versions of the music model by version id, as a silo's model archive would keep them.</summary>
    public ConcurrentDictionary<string, FixedPatternMusicGenerator> ArchivedMusic { get; } = new();

    public void Register(IServiceCollection services, params string[] extraMusicNames)
    {
        services.AddMusicModel(Music, () => MusicGenerator, version => ArchivedMusic.GetValueOrDefault(version));
        services.AddLandscapeModel(Landscape, () => LandscapeGenerator);
        services.AddMusicModel(Pop, () => PopGenerator);
        foreach (var name in extraMusicNames) services.AddMusicModel(name, () => MusicGenerator);
    }
}
