using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Grains.Users;

/// <summary>
/// The pop conditioning ratings steer (issue 13): key, mode and one instrument per track. Each track draws from a
/// small palette that holds its default, so an instrument the user never heard still comes up (exploration) and a
/// liked one comes up more.
/// </summary>
public static class MusicTraits
{
    /// <summary>Melody, bridge and accompaniment palettes, GM names as <c>GmInstruments</c> spells them.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> PopPalettes =
    [
        ["flute", "violin", "sax", "trumpet", "clarinet", "oboe", "synth-lead", "piano"],
        ["strings", "guitar", "organ", "pad", "vibraphone", "harp", "cello", "electric-piano"],
        ["piano", "guitar", "harp", "electric-piano", "marimba", "organ", "strings", "jazz-guitar"],
    ];

    /// <summary>"major" or "minor" of a canonical key such as "A minor".</summary>
    public static string Mode(string key) => key.EndsWith("minor", StringComparison.OrdinalIgnoreCase) ? "minor" : "major";

    public static string InstrumentKey(int track, string instrument) => $"{track}:{instrument.ToLowerInvariant()}";

    /// <summary>The instrument each pop track plays: the named ones, the model's defaults for the rest.</summary>
    public static IReadOnlyList<string> PopInstruments(string[]? named) =>
        [.. PopRequests.DefaultInstruments.Select((fallback, track) => named is { } list && track < list.Length ? list[track] : fallback)];
}
