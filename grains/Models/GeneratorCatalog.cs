using CreativeGen.Grains.Personal;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>
/// The registered generators of this silo, current and archived versions, each loaded once on first use; with a
/// <see cref="PersonalModelStore"/>, also users' personal landscape models, by version ("personal-&lt;user&gt;@&lt;version&gt;").
/// </summary>
public sealed class GeneratorCatalog(IEnumerable<MusicModelRegistration> music, IEnumerable<LandscapeModelRegistration> landscapes, PersonalModelStore? personal = null)
    : IGeneratorCatalog, IDisposable
{
    private readonly Dictionary<string, string?> musicArchives = music.ToDictionary(r => r.Name, r => r.ArchiveFolder, StringComparer.Ordinal);
    private readonly ModelShelf<IMusicGenerator> music = new("music", music.Select(r => (r.Name, r.Load, r.LoadArchived)), g => g.ModelVersion);
    private readonly ModelShelf<ILandscapeGenerator> landscapes = new("landscape", landscapes.Select(r => (r.Name, r.Load, r.LoadArchived)), g => g.ModelVersion,
        name => personal is not null && PersonalModelStore.UserOf(name) is { } user ? version => personal.LoadVersion(user, version) : null);

    public IReadOnlyCollection<string> MusicModels => music.Names;

    public IReadOnlyCollection<string> LandscapeModels => landscapes.Names;

    public IMusicGenerator GetMusic(string key) => music.Get(key);

    public ILandscapeGenerator GetLandscape(string key) => landscapes.Get(key);

    public ModelLease<IMusicGenerator> LeaseMusic(string key) => music.Lease(key);

    public ModelLease<ILandscapeGenerator> LeaseLandscape(string key) => landscapes.Lease(key);

    public string? MusicArchiveFolder(string name) => musicArchives.GetValueOrDefault(name);

    public void Dispose()
    {
        music.Dispose();
        landscapes.Dispose();
    }
}
