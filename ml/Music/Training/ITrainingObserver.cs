namespace CreativeGen.Ml.Music.Training;

/// <summary>Receives training progress (the CLI draws progress bars from it). All methods are optional.</summary>
public interface ITrainingObserver
{
    void Message(string text) { }

    void EpochStarted(int epoch, int batches) { }

    void BatchDone(int epoch, int batch, int batches, double loss, double tokensPerSecond) { }

    void EpochDone(EpochRecord record, bool improved) { }
}

/// <summary>An observer that ignores everything.</summary>
public sealed class SilentTrainingObserver : ITrainingObserver
{
    public static SilentTrainingObserver Instance { get; } = new();
}
