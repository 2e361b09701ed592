using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>Loads each registered generator once, on first use, and disposes them with the silo.</summary>
public sealed class GeneratorCatalog : IGeneratorCatalog, IDisposable
{
    private readonly Dictionary<string, Lazy<IMusicGenerator>> music;
    private readonly Dictionary<string, Lazy<ILandscapeGenerator>> landscapes;

    public GeneratorCatalog(IEnumerable<MusicModelRegistration> music, IEnumerable<LandscapeModelRegistration> landscapes)
    {
        this.music = music.ToDictionary(r => r.Name, r => new Lazy<IMusicGenerator>(r.Load), StringComparer.OrdinalIgnoreCase);
        this.landscapes = landscapes.ToDictionary(r => r.Name, r => new Lazy<ILandscapeGenerator>(r.Load), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> MusicModels => music.Keys;

    public IReadOnlyCollection<string> LandscapeModels => landscapes.Keys;

    public IMusicGenerator GetMusic(string name) => Load(music, name, "music");

    public ILandscapeGenerator GetLandscape(string name) => Load(landscapes, name, "landscape");

    public void Dispose()
    {
        foreach (var generator in music.Values.Where(l => l.IsValueCreated)) generator.Value.Dispose();
        foreach (var generator in landscapes.Values.Where(l => l.IsValueCreated)) generator.Value.Dispose();
    }

    private static T Load<T>(Dictionary<string, Lazy<T>> models, string name, string kind)
    {
        if (!models.TryGetValue(name, out var lazy))
            throw new GenerationRequestException(GenerationErrorKind.NotFound,
                $"Unknown {kind} model '{name}'. Known: {string.Join(", ", models.Keys.Order())}.", "model");
        try
        {
            return lazy.Value;
        }
        catch (Exception error) when (error is not GenerationRequestException)
        {
            throw new GenerationRequestException(GenerationErrorKind.Unavailable, $"The {kind} model '{name}' could not be loaded: {error.Message}", "model");
        }
    }
}
