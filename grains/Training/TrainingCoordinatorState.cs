using CreativeGen.GrainInterfaces.Training;

namespace CreativeGen.Grains.Training;

/// <summary>A training coordinator's persisted state.</summary>
[GenerateSerializer, Alias("CreativeGen.TrainingCoordinatorState")]
public sealed class TrainingCoordinatorState
{
    [Id(0)] public MusicTrainingJob? Job { get; set; }

    [Id(1)] public TrainingPhase Phase { get; set; }

    [Id(2)] public int Epoch { get; set; }

    [Id(3)] public double? ValidationLoss { get; set; }

    [Id(4)] public double? BestValidationLoss { get; set; }

    [Id(5)] public string[] DeployedVersions { get; set; } = [];

    [Id(6)] public string? Message { get; set; }

    /// <summary>How often the run has been resumed after its silo went away.</summary>
    [Id(7)] public int Resumes { get; set; }
}
