using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreativeGen.GrainInterfaces.Content;

/// <summary>
/// The durable record of a generated piece: (model name, model version, parameters, seed). Generation is
/// deterministic, so the recipe regenerates the same bytes on demand; blobs are never stored.
/// Exactly one of <see cref="Music"/> and <see cref="Landscape"/> is set, matching <see cref="Kind"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.Recipe")]
public sealed record Recipe(
    ContentKind Kind,
    string ModelName,
    string ModelVersion,
    long Seed,
    MusicParameters? Music,
    LandscapeParameters? Landscape)
{
    public static Recipe ForMusic(string modelName, string modelVersion, MusicParameters parameters, long seed) =>
        new(ContentKind.Music, modelName, modelVersion, seed, parameters, null);

    public static Recipe ForLandscape(string modelName, string modelVersion, LandscapeParameters parameters, long seed) =>
        new(ContentKind.Landscape, modelName, modelVersion, seed, null, parameters);

    /// <summary>Content address of the recipe: a prefix naming the kind and 24 hex digits of a SHA-256 of its canonical form.</summary>
    public string Id => (Kind == ContentKind.Music ? "mus_" : "img_") + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())))[..24];

    public string MediaType => Kind == ContentKind.Music ? MediaTypes.Midi : MediaTypes.Png;

    /// <summary>True if <paramref name="id"/> has the shape of a recipe id (so lookups never see arbitrary strings).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 28 } && (id.StartsWith("mus_", StringComparison.Ordinal) || id.StartsWith("img_", StringComparison.Ordinal))
        && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>Style, key, instruments and chords join the id only when set, so ids of recipes from before them stay the same.</summary>
    private static string StyleFields(MusicParameters music) =>
        music.Style is null && music.Key is null && music.Instruments is null && music.Chords is null ? ""
        : "|" + string.Join('|', music.Style ?? "", music.Key ?? "", string.Join(',', music.Instruments ?? []), string.Join(',', music.Chords ?? []));

    private string Canonical()
    {
        var invariant = CultureInfo.InvariantCulture;
        var parameters = Kind == ContentKind.Music
            ? string.Join('|', Music!.Composer ?? "", Music.LengthSeconds.ToString("R", invariant), Music.Temperature.ToString("R", invariant),
                Music.TempoBpm?.ToString("R", invariant) ?? "", Music.TopK?.ToString(invariant) ?? "", Music.TopP?.ToString("R", invariant) ?? "")
                + StyleFields(Music)
              // Only recipes with words add a part, so every recipe id from before lyrics stays what it was.
              + (Music.Lyrics is { } lyrics ? $"|lyrics:{lyrics.Scheme}:{lyrics.Theme}" : "")
            : string.Join('|', Landscape!.Category, Landscape.Truncation.ToString("R", invariant));
        return string.Join('\n', Kind, ModelName, ModelVersion, Seed.ToString(invariant), parameters);
    }
}
