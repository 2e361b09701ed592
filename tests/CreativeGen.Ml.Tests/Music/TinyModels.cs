using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music;

/// <summary>Tiny models trained for a few steps on a few real files (shipped fixtures), for tests.</summary>
public static class TinyModels
{
    public static TrainingOptions Options => TrainingOptions.PianoSmall with
    {
        EmbeddingSize = 16,
        HiddenSize = 32,
        Layers = 2,
        Dropout = 0.2,
        SequenceLength = 48,
        BatchSize = 8,
        WindowsPerEpoch = 24,
        LearningRate = 0.003,
        Seed = 11,
    };

    /// <summary>The shipped piano fixtures: the same pieces a 4 + 2 file load of the shared corpus picks.</summary>
    public static MusicData PianoData => new(MusicTestData.FixturePianoTrain, MusicTestData.FixturePianoVal, MaxTrainFiles: 4, MaxValidationFiles: 2);

    /// <summary>Trains and returns the path of best.ckpt inside <paramref name="folder"/>.</summary>
    public static string Train(string folder, TrainingOptions options, MusicData data, int epochs = 1)
    {
        TorchRuntime.Initialize();
        using var trainer = MusicTrainer.Start(options with { MaxEpochs = epochs }, data, folder);
        return trainer.Run().BestCheckpoint;
    }
}

/// <summary>A tiny composer-conditioned performance-event model shared by the tests of one class.</summary>
public sealed class TinyPianoModelFixture : IDisposable
{
    public TinyPianoModelFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cg-music-model-" + Guid.NewGuid().ToString("N"));
        Checkpoint = TinyModels.Train(Folder, TinyModels.Options, TinyModels.PianoData);
    }

    public string Folder { get; }

    public string Checkpoint { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
