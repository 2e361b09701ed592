namespace CreativeGen.Grains.Hosting;

/// <summary>The models used when a request names none (grain keys of the model grains), and how many grains serve each.</summary>
public sealed class DefaultModelNames
{
    /// <summary>
    /// Model grains per model name ("name", "name#1", ...): one grain lives on one model-host silo, so with more
    /// accelerator silos than models, more replicas let every silo's device serve. Requests pick a replica at random.
    /// </summary>
    public int Replicas { get; set; } = 1;

    public string Music { get; set; } = "music-piano";

    public string Landscape { get; set; } = "landscape-64";

    /// <summary>The model that serves style "pop" (three parts, key and chord control).</summary>
    public string Pop { get; set; } = "music-pop";
}
