using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>The models this silo can load, by name. Generators are loaded on first use and shared.</summary>
public interface IGeneratorCatalog
{
    IReadOnlyCollection<string> MusicModels { get; }

    IReadOnlyCollection<string> LandscapeModels { get; }

    /// <summary>The loaded generator; throws <see cref="CreativeGen.GrainInterfaces.Content.GenerationRequestException"/> (NotFound or Unavailable).</summary>
    IMusicGenerator GetMusic(string name);

    /// <inheritdoc cref="GetMusic"/>
    ILandscapeGenerator GetLandscape(string name);
}
