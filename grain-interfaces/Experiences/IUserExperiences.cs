namespace CreativeGen.GrainInterfaces.Experiences;

/// <summary>
/// The experience side of a user (implemented by the user grain, <c>IUserGrain</c> inherits it): one wish becomes a
/// matched picture and song, and ratings of experiences steer how the next ones are matched.
/// </summary>
[Alias("CreativeGen.IUserExperiences")]
public interface IUserExperiences : IGrainWithStringKey
{
    /// <summary>Paints and composes the parts, records them, and returns the experience (throws GenerationRequestException on bad input).</summary>
    [Alias("CreateExperience")]
    Task<ExperienceEntry> CreateExperienceAsync(ExperienceOrder order);

    /// <summary>The experience, or null when this user has none with this id.</summary>
    [Alias("GetExperience")]
    Task<ExperienceEntry?> GetExperienceAsync(string experienceId);

    /// <summary>The most recent experiences first.</summary>
    [Alias("GetExperiences")]
    Task<ExperienceEntry[]> GetExperiencesAsync(int limit);

    /// <summary>Rates an experience as a whole (1..5 stars); throws NotFound when the user has none with this id.</summary>
    [Alias("RateExperience")]
    Task<ExperienceEntry> RateExperienceAsync(string experienceId, int stars);
}
