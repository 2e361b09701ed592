namespace CreativeGen.GrainInterfaces.Experiences;

/// <summary>
/// One wish for an experience: a picture and a song that suit each other (and, once lyrics exist, words for it).
/// Everything is optional: the user's preferences and past experience ratings fill the rest.
/// </summary>
/// <param name="Theme">Free words, e.g. "a stormy night by the sea"; scene words in it pick the landscape category.</param>
/// <param name="Mood">One of <see cref="ExperienceMoods.Known"/>; sets the song's pace and boldness.</param>
/// <param name="Seed">Makes the choice reproducible; drawn when left out.</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.ExperienceOrder")]
public sealed record ExperienceOrder(string? Theme = null, string? Mood = null, long? Seed = null);
