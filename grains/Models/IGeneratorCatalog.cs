using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>The models this silo can load, by name. Generators are loaded on first use and shared.</summary>
public interface IGeneratorCatalog
{
    IReadOnlyCollection<string> MusicModels { get; }

    IReadOnlyCollection<string> LandscapeModels { get; }

    /// <summary>The loaded generator of a <see cref="ModelKey"/> (name, or name@version for an archived version); throws <see cref="CreativeGen.GrainInterfaces.Content.GenerationRequestException"/> (NotFound, Gone or Unavailable).</summary>
    IMusicGenerator GetMusic(string key);

    /// <summary>As <see cref="GetMusic"/>, for as long as the lease is held: an archived version is unloaded when its last lease is returned.</summary>
    ModelLease<IMusicGenerator> LeaseMusic(string key);

    /// <inheritdoc cref="LeaseMusic"/>
    ModelLease<ILandscapeGenerator> LeaseLandscape(string key);

    /// <summary>Where versions of a music model are kept on this silo (see <see cref="MusicModelRegistration.ArchiveFolder"/>), or null.</summary>
    string? MusicArchiveFolder(string name);

    /// <inheritdoc cref="GetMusic"/>
    ILandscapeGenerator GetLandscape(string key);
}
