namespace CreativeGen.GrainInterfaces.Content;

/// <summary>Fully specified music parameters (nothing left to preferences): with a seed, a recipe.</summary>
/// <param name="Style">piano or pop (null in recipes from before styles: piano).</param>
/// <param name="Key">Pop: the key, e.g. "A minor".</param>
/// <param name="Instruments">GM instrument per track (pop: melody, bridge, accompaniment); null: the model's defaults.</param>
/// <param name="Chords">Pop: chord progression, one chord per bar, repeated; null: the model's own.</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicParameters")]
public sealed record MusicParameters(
    string? Composer,
    double LengthSeconds,
    double Temperature,
    double? TempoBpm,
    int? TopK,
    double? TopP,
    string? Style = null,
    string? Key = null,
    string[]? Instruments = null,
    string[]? Chords = null,
    LyricParameters? Lyrics = null);
