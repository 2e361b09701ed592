namespace CreativeGen.GrainInterfaces.Content;

/// <summary>Fully specified music parameters (nothing left to preferences): with a seed, a recipe.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicParameters")]
public sealed record MusicParameters(
    string? Composer,
    double LengthSeconds,
    double Temperature,
    double? TempoBpm,
    int? TopK,
    double? TopP,
    LyricParameters? Lyrics = null);
