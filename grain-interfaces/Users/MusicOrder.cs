namespace CreativeGen.GrainInterfaces.Users;

/// <summary>A request for one piece of music. Every null parameter is filled from the user's preferences.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicOrder")]
public sealed record MusicOrder(
    string? Composer = null,
    double? LengthSeconds = null,
    double? Temperature = null,
    double? TempoBpm = null,
    int? TopK = null,
    double? TopP = null,
    long? Seed = null,
    string? Model = null,
    string? Style = null,
    string? Key = null,
    string[]? Instruments = null,
    string[]? Chords = null,
    bool? Lyrics = null,
    string? Theme = null,
    string? Scheme = null);
