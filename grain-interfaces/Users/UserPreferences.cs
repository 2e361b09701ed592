namespace CreativeGen.GrainInterfaces.Users;

/// <summary>A user's explicit settings for both generators.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.UserPreferences")]
public sealed record UserPreferences(MusicPreferences Music, LandscapePreferences Landscapes)
{
    /// <summary>A new instance each time: the storage serializer fills the object a state starts with, so a shared one would be overwritten.</summary>
    public static UserPreferences Default => new(MusicPreferences.Default, LandscapePreferences.Default);
}
