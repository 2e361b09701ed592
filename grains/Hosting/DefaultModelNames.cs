namespace CreativeGen.Grains.Hosting;

/// <summary>The models used when a request names none (grain keys of the model grains).</summary>
public sealed class DefaultModelNames
{
    public string Music { get; set; } = "music-piano";

    public string Landscape { get; set; } = "landscape-64";
}
