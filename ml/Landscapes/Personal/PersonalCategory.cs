namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>The one category of a personal model: its images are the user's own kind of place.</summary>
public static class PersonalCategory
{
    public const string Name = "personal";
}
