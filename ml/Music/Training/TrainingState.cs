namespace CreativeGen.Ml.Music.Training;

/// <summary>One finished epoch.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double TokensPerSecond, double CpuSeconds, double WallSeconds);

/// <summary>Where a run stands after an epoch: what a checkpoint needs to continue exactly.</summary>
public sealed record TrainingState(
    int Epoch,
    double BestValidationLoss,
    int BestEpoch,
    int EpochsWithoutImprovement,
    double CpuSeconds,
    string TorchRngState,
    IReadOnlyList<EpochRecord> History)
{
    public static TrainingState Initial => new(0, double.PositiveInfinity, 0, 0, 0, "", []);
}
