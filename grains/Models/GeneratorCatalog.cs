using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>
/// Loads each registered generator once, on first successful use, and disposes them with the silo. A failed
/// load is not remembered: the next activation tries again (e.g. once the model file has been copied in).
/// </summary>
public sealed class GeneratorCatalog : IGeneratorCatalog, IDisposable
{
    private readonly Dictionary<string, LoadOnce<IMusicGenerator>> music;
    private readonly Dictionary<string, LoadOnce<ILandscapeGenerator>> landscapes;

    public GeneratorCatalog(IEnumerable<MusicModelRegistration> music, IEnumerable<LandscapeModelRegistration> landscapes)
    {
        this.music = music.ToDictionary(r => r.Name, r => new LoadOnce<IMusicGenerator>(r.Load), StringComparer.OrdinalIgnoreCase);
        this.landscapes = landscapes.ToDictionary(r => r.Name, r => new LoadOnce<ILandscapeGenerator>(r.Load), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> MusicModels => music.Keys;

    public IReadOnlyCollection<string> LandscapeModels => landscapes.Keys;

    public IMusicGenerator GetMusic(string name) => Load(music, name, "music");

    public ILandscapeGenerator GetLandscape(string name) => Load(landscapes, name, "landscape");

    public void Dispose()
    {
        foreach (var generator in music.Values) generator.Loaded?.Dispose();
        foreach (var generator in landscapes.Values) generator.Loaded?.Dispose();
    }

    private static T Load<T>(Dictionary<string, LoadOnce<T>> models, string name, string kind) where T : class
    {
        if (!models.TryGetValue(name, out var once))
            throw new GenerationRequestException(GenerationErrorKind.NotFound,
                $"Unknown {kind} model '{name}'. Known: {string.Join(", ", models.Keys.Order())}.", "model");
        try
        {
            return once.Get();
        }
        catch (Exception error) when (error is not GenerationRequestException)
        {
            throw new GenerationRequestException(GenerationErrorKind.Unavailable, $"The {kind} model '{name}' could not be loaded: {error.Message}", "model");
        }
    }

    private sealed class LoadOnce<T>(Func<T> load) where T : class
    {
        private readonly Lock gate = new();

        public T? Loaded { get; private set; }

        public T Get()
        {
            lock (gate) return Loaded ??= load();
        }
    }
}
