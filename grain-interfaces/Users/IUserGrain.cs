using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.GrainInterfaces.Users;

/// <summary>
/// One user (key: user id). Holds the API key hash, preferences and history; every generation request
/// goes through it so that unspecified parameters come from the preferences and the result is recorded.
/// </summary>
[Alias("CreativeGen.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey, Experiences.IUserExperiences
{
    /// <summary>Registers the user with the hash of its API key; false if the id is already taken.</summary>
    [Alias("Register")]
    Task<bool> RegisterAsync(string apiKeyHash);

    /// <summary>True if the user exists and the hash matches its API key.</summary>
    [Alias("Authenticate")]
    Task<bool> AuthenticateAsync(string apiKeyHash);

    [Alias("GetPreferences")]
    Task<UserPreferences> GetPreferencesAsync();

    /// <summary>Validates and stores the preferences; throws <see cref="GenerationRequestException"/> on bad values.</summary>
    [Alias("SetPreferences")]
    Task<UserPreferences> SetPreferencesAsync(UserPreferences preferences);

    [Alias("ComposeMusic")]
    Task<GeneratedContent> ComposeMusicAsync(MusicOrder order);

    [Alias("PaintLandscape")]
    Task<GeneratedContent> PaintLandscapeAsync(LandscapeOrder order);

    /// <summary>Rates something the user received (1..5 stars); throws if the recipe is not in the history.</summary>
    [Alias("Rate")]
    Task<HistoryEntry> RateAsync(string recipeId, int stars, string? comment);

    /// <summary>The most recent entries first.</summary>
    [Alias("GetHistory")]
    Task<HistoryEntry[]> GetHistoryAsync(int limit);
}
