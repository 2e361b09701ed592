namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>Reported after every step.</summary>
public sealed record TrainingProgress(long Step, long TotalSteps, float DiscriminatorLoss, float GeneratorLoss, double StepsPerSecond, double CpuSeconds, string? CheckpointWritten);
