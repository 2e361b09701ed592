using System.Collections.Concurrent;
using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Grains.Models;

/// <summary>
/// The generators of one kind (music or landscapes) by <see cref="ModelKey"/>: each loaded once, on first successful
/// use, and disposed with the silo. A failed load is not remembered: the next activation tries again (e.g. once the
/// model file has been copied in).
/// </summary>
internal sealed class ModelShelf<T>(string kind, IEnumerable<(string Name, Func<T> Load, Func<string, T?>? LoadArchived)> registrations, Func<T, string> versionOf)
    : IDisposable where T : class, IDisposable
{
    private readonly Dictionary<string, (Func<T> Load, Func<string, T?>? LoadArchived)> models =
        registrations.ToDictionary(r => r.Name, r => (r.Load, r.LoadArchived), StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, LoadOnce> loaded = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => models.Keys;

    public T Get(string key)
    {
        var (name, version) = ModelKey.Parse(key);
        if (!models.TryGetValue(name, out var model))
            throw new GenerationRequestException(GenerationErrorKind.NotFound,
                $"Unknown {kind} model '{name}'. Known: {string.Join(", ", models.Keys.Order())}.", "model");
        var current = Load(name, model.Load);
        if (version is null || versionOf(current) == version) return current;
        return Load(key, () => LoadArchived(name, version, model.LoadArchived));
    }

    private T LoadArchived(string name, string version, Func<string, T?>? loadArchived)
    {
        var generator = loadArchived?.Invoke(version)
            ?? throw new GenerationRequestException(GenerationErrorKind.Gone,
                $"Version {version} of the {kind} model '{name}' is no longer kept, so its recipes cannot be regenerated exactly.", "model");
        if (versionOf(generator) == version) return generator;
        var found = versionOf(generator);
        generator.Dispose();
        throw new GenerationRequestException(GenerationErrorKind.Gone,
            $"The archived {kind} model '{name}' now loads as version {found} (its file or the sampling code changed since), so recipes of version {version} cannot be regenerated exactly.", "model");
    }

    private T Load(string key, Func<T> load)
    {
        try
        {
            return loaded.GetOrAdd(key, _ => new LoadOnce(load)).Get();
        }
        catch (Exception error) when (error is not GenerationRequestException)
        {
            throw new GenerationRequestException(GenerationErrorKind.Unavailable, $"The {kind} model '{key}' could not be loaded: {error.Message}", "model");
        }
    }

    public void Dispose()
    {
        foreach (var once in loaded.Values) once.Loaded?.Dispose();
    }

    private sealed class LoadOnce(Func<T> load)
    {
        private readonly Lock gate = new();

        public T? Loaded { get; private set; }

        public T Get()
        {
            lock (gate) return Loaded ??= load();
        }
    }
}
