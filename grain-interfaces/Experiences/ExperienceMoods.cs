namespace CreativeGen.GrainInterfaces.Experiences;

/// <summary>The moods an experience may ask for (see grains/Experiences/SceneMusicMap for what each does to the song).</summary>
public static class ExperienceMoods
{
    public static readonly string[] Known = ["calm", "bright", "dramatic", "melancholy"];
}
