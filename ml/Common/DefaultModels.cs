namespace CreativeGen.Ml.Common;

/// <summary>
/// Finds the shipped default models. They live in the repository's `models/` folder and are copied next
/// to every executable that references CreativeGen.Ml; CREATIVEGEN_MODELS overrides the folder.
/// </summary>
public static class DefaultModels
{
    public const string MusicFileName = "music-piano.ckpt";
    public const string LandscapeFileName = "landscape-64.ckpt";
    public const string PopFileName = "music-pop.ckpt";

    public static string Directory =>
        Environment.GetEnvironmentVariable("CREATIVEGEN_MODELS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "models");

    public static string MusicPath => Path.Combine(Directory, MusicFileName);

    public static string LandscapePath => Path.Combine(Directory, LandscapeFileName);

    /// <summary>The path of a default model, or a clear error saying where it was looked for.</summary>
    public static string Require(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Default model '{fileName}' not found in {Directory}. Pass --model, or set CREATIVEGEN_MODELS to the folder that holds it.", path);
    }
}
