using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music.Training;

[Collection(TorchRngCollection.Name)]
public sealed class MusicTrainerTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cg-music-train-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Resume_OneEpochStopResumeOneEpoch_MatchesTwoUninterruptedEpochs()
    {
        var straight = Path.Combine(folder, "straight");
        var o = TinyModels.Options; // dropout 0.2: the saved RNG state matters
        var interrupted = Path.Combine(folder, "interrupted");
        using (var trainer = MusicTrainer.Start(o with { MaxEpochs = 2 }, TinyModels.PianoData, straight))
            trainer.Run();
        using (var trainer = MusicTrainer.Start(o with { MaxEpochs = 1 }, TinyModels.PianoData, interrupted))
            Assert.Contains("maximum of 1 epochs", trainer.Run().StopReason);

        TrainingResult resumed;
        using (var trainer = MusicTrainer.Resume(Path.Combine(interrupted, MusicTrainer.LastFileName), TinyModels.PianoData, interrupted,
                   adjust: o => o with { MaxEpochs = 2 }))
            resumed = trainer.Run();

        var expected = MusicCheckpoint.ReadHeader(Path.Combine(straight, MusicTrainer.LastFileName)).State;
        Assert.Equal(2, resumed.State.Epoch);
        // Bit for bit: the same data order, augmentation, dropout draws and kernels as the uninterrupted run.
        Assert.Equal(expected.History[1].ValidationLoss, resumed.State.History[1].ValidationLoss);
        Assert.Equal(expected.History[1].TrainLoss, resumed.State.History[1].TrainLoss);
        // It learned something in two epochs of a few steps.
        Assert.True(expected.History[1].TrainLoss < expected.History[0].TrainLoss);
        Assert.True(expected.History[1].ValidationLoss < Math.Log(new PerformanceEventTokenizer().Size));
    }

    [Fact]
    public void Run_TargetLossReached_StopsAndWritesLoadableCheckpoints()
    {
        using var trainer = MusicTrainer.Start(TinyModels.Options with { TargetValidationLoss = 50 }, TinyModels.PianoData, folder);

        var result = trainer.Run();

        Assert.Contains("target validation loss", result.StopReason);
        Assert.Equal(1, result.State.Epoch);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        using var generator = MusicModelLoader.Load(result.BestCheckpoint);
        Assert.Contains("Chopin", generator.Composers);
        Assert.Equal(MusicGenerator.VersionOf(MusicCheckpoint.Version(result.BestCheckpoint)), generator.ModelVersion); // checkpoint hash + sampling revision
    }

    [Fact]
    public void Load_MissingOrCorruptCheckpoint_ThrowsClearErrorNamingTheFile()
    {
        var checkpoint = TinyModels.Train(folder, TinyModels.Options with { WindowsPerEpoch = 8 }, TinyModels.PianoData);
        var bytes = File.ReadAllBytes(checkpoint);
        var truncated = Path.Combine(folder, "truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var garbage = Path.Combine(folder, "garbage.ckpt");
        File.WriteAllBytes(garbage, [.. bytes.Take(8), .. "not json at all"u8.ToArray()]);

        Assert.Throws<FileNotFoundException>(() => MusicModelLoader.Load(Path.Combine(folder, "missing.ckpt")));
        Assert.Contains("truncated.ckpt", Assert.Throws<InvalidDataException>(() => MusicModelLoader.Load(truncated)).Message);
        Assert.Contains("garbage.ckpt", Assert.Throws<InvalidDataException>(() => MusicModelLoader.Load(garbage)).Message);
    }

    [Fact]
    public void Validate_AbsurdOptions_RejectedWithMessage()
    {
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => (TinyModels.Options with { LearningRate = 5 }).Validate()).Message);
        Assert.Contains("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => (TinyModels.Options with { Dropout = 1.5 }).Validate()).Message);
        Assert.Throws<ArgumentException>(() => TrainingOptions.FromPreset("huge"));
    }
}
