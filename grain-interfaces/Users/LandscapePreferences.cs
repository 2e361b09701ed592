namespace CreativeGen.GrainInterfaces.Users;

/// <summary>What a user likes in landscapes; fills the parameters a request leaves out.</summary>
/// <param name="Categories">Preferred categories (e.g. forest, sea); empty: any category the model knows.</param>
/// <param name="Truncation">Truncation ψ in (0, 1]: lower gives less variety and cleaner images.</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.LandscapePreferences")]
public sealed record LandscapePreferences(string[] Categories, double Truncation)
{
    /// <summary>A new instance each time (see <see cref="UserPreferences.Default"/>).</summary>
    public static LandscapePreferences Default => new([], 0.8);
}
