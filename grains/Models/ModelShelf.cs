using System.Collections.Concurrent;
using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Grains.Models;

/// <summary>
/// The generators of one kind (music or landscapes) by <see cref="ModelKey"/>: each loaded once, on first successful
/// use. A failed load is not remembered: the next activation tries again (e.g. once the model file has been copied in).
/// Current versions stay loaded until the silo stops. An archived version taken with <see cref="Lease"/> is unloaded
/// when its last lease is returned (a training run swaps in a new version every improved epoch; they would pile up).
/// <paramref name="versionsOnly"/>: for a name not registered, how to load its versions (null: unknown name); such
/// models (a user's personal model) have no current version and are always asked for as "name@version".
/// </summary>
internal sealed class ModelShelf<T>(string kind, IEnumerable<(string Name, Func<T> Load, Func<string, T?>? LoadArchived)> registrations, Func<T, string> versionOf,
    Func<string, Func<string, T?>?>? versionsOnly = null)
    : IDisposable where T : class, IDisposable
{
    private readonly Dictionary<string, (Func<T> Load, Func<string, T?>? LoadArchived)> models =
        registrations.ToDictionary(r => r.Name, r => (r.Load, r.LoadArchived), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoadOnce> loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> leases = new(StringComparer.Ordinal); // also the lock for pinned
    private readonly HashSet<string> pinned = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => models.Keys;

    /// <summary>The generator of a key, kept loaded until the silo stops.</summary>
    public T Get(string key) => Take(key, pin: true).Generator;

    /// <summary>The generator of a key for as long as the returned lease is not disposed.</summary>
    public ModelLease<T> Lease(string key)
    {
        var (entryKey, generator) = Take(key, pin: false);
        return new ModelLease<T>(generator, () => Return(entryKey));
    }

    /// <summary>Resolves a key and, under the lease lock, pins the entry or counts a lease on it.</summary>
    private (string EntryKey, T Generator) Take(string key, bool pin)
    {
        while (true)
        {
            var (entryKey, generator) = Resolve(key);
            lock (leases)
            {
                // An eviction may have run between the load and here: then load again.
                if (!loaded.TryGetValue(entryKey, out var once) || !ReferenceEquals(once.Loaded, generator)) continue;
                if (pin) pinned.Add(entryKey);
                else leases[entryKey] = leases.GetValueOrDefault(entryKey) + 1;
                return (entryKey, generator);
            }
        }
    }

    private void Return(string entryKey)
    {
        T? evicted = null;
        lock (leases)
        {
            var left = leases[entryKey] - 1;
            if (left > 0)
            {
                leases[entryKey] = left;
                return;
            }
            leases.Remove(entryKey);
            if (ModelKey.Parse(entryKey).Version is not null && !pinned.Contains(entryKey) && loaded.TryRemove(entryKey, out var once)) evicted = once.Loaded;
        }
        evicted?.Dispose();
    }

    /// <summary>The cache entry that serves a key (a version equal to the current one is the current entry) and its generator.</summary>
    private (string EntryKey, T Generator) Resolve(string key)
    {
        var (name, version) = ModelKey.Parse(key);
        if (!models.TryGetValue(name, out var model))
        {
            if (version is not null && versionsOnly?.Invoke(name) is { } loadVersion) return (key, Load(key, () => LoadArchived(name, version, loadVersion)));
            throw new GenerationRequestException(GenerationErrorKind.NotFound,
                $"Unknown {kind} model '{name}'. Known: {string.Join(", ", models.Keys.Order())}.", "model");
        }
        var current = Load(name, model.Load);
        if (version is null || versionOf(current) == version) return (name, current);
        return (key, Load(key, () => LoadArchived(name, version, model.LoadArchived)));
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

/// <summary>A generator borrowed from the catalog; disposing the lease (once) gives it back.</summary>
public sealed class ModelLease<T>(T generator, Action giveBack) : IDisposable
{
    private int returned;

    public T Generator { get; } = generator;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref returned, 1) == 0) giveBack();
    }
}

