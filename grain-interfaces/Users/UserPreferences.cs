namespace CreativeGen.GrainInterfaces.Users;

/// <summary>A user's explicit settings for both generators.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.UserPreferences")]
public sealed record UserPreferences(MusicPreferences Music, LandscapePreferences Landscapes)
{
    public static UserPreferences Default { get; } = new(MusicPreferences.Default, LandscapePreferences.Default);
}
