using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Music;

/// <summary>Loads a music checkpoint (training or exported) as a ready <see cref="IMusicGenerator"/>.</summary>
public static class MusicModelLoader
{
    /// <summary>Throws <see cref="FileNotFoundException"/> for a missing file and <see cref="InvalidDataException"/> naming the file for a corrupt one.</summary>
    public static IMusicGenerator Load(string checkpointPath) => LoadGenerator(checkpointPath);

    /// <summary>The concrete generator (primers, token access) for the CLI, evaluation and benchmarks.</summary>
    public static MusicGenerator LoadGenerator(string checkpointPath)
    {
        TorchRuntime.Initialize();
        var (header, model, _) = MusicCheckpoint.Load(checkpointPath);
        var version = MusicGenerator.VersionOf(MusicCheckpoint.Version(checkpointPath));
        return new MusicGenerator(model, header, $"{header.Options.Preset}:{Path.GetFileNameWithoutExtension(checkpointPath)}", version);
    }
}
