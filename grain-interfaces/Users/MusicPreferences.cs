namespace CreativeGen.GrainInterfaces.Users;

/// <summary>What a user likes in music; fills the parameters a request leaves out.</summary>
/// <param name="Composers">Preferred composers/styles (labels the music model knows); empty: the model's default.</param>
/// <param name="MinTempoBpm">Lowest tempo to pick when a request names none.</param>
/// <param name="MaxTempoBpm">Highest tempo to pick when a request names none.</param>
/// <param name="LengthSeconds">Length of a piece when a request names none.</param>
/// <param name="Temperature">Sampling temperature when a request names none.</param>
/// <param name="Style">Style when a request names none (piano, pop); null: piano.</param>
/// <param name="Instruments">Pop: GM instruments for melody, bridge and accompaniment when a request names none.</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicPreferences")]
public sealed record MusicPreferences(
    string[] Composers,
    double MinTempoBpm,
    double MaxTempoBpm,
    double LengthSeconds,
    double Temperature,
    string? Style = null,
    string[]? Instruments = null)
{
    /// <summary>A new instance each time (see <see cref="UserPreferences.Default"/>).</summary>
    public static MusicPreferences Default => new([], 80, 132, 20, 1.0);
}
