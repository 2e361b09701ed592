using CreativeGen.Ml.Landscapes.Model;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>The JSON header of a landscape checkpoint: what is needed to rebuild the networks and resume.</summary>
public sealed record LandscapeCheckpointHeader
{
    public required LandscapeArchitecture Architecture { get; init; }
    public required string[] Categories { get; init; }
    public required int Resolution { get; init; }
    public required int LatentSize { get; init; }
    public required int BaseWidth { get; init; }
    public required int EmbeddingSize { get; init; }

    /// <summary>0 (off) in files written before the option existed.</summary>
    public int MinibatchStdDevGroup { get; init; }

    /// <summary>Zeros in files written before the option existed.</summary>
    public GeneratorPadding GeneratorPadding { get; init; }
    public required long Step { get; init; }
    public required double TrainingCpuSeconds { get; init; }
    public GanTrainingOptionsDto? Training { get; init; }

    public LandscapeModelOptions ToModelOptions() =>
        new(Categories, Resolution, LatentSize, BaseWidth, EmbeddingSize, Architecture, MinibatchStdDevGroup, GeneratorPadding);

    public static LandscapeCheckpointHeader From(LandscapeModelOptions model, long step, double cpuSeconds, GanTrainingOptions? training) => new()
    {
        Architecture = model.Architecture,
        Categories = model.Categories.ToArray(),
        Resolution = model.Resolution,
        LatentSize = model.LatentSize,
        BaseWidth = model.BaseWidth,
        EmbeddingSize = model.EmbeddingSize,
        MinibatchStdDevGroup = model.MinibatchStdDevGroup,
        GeneratorPadding = model.GeneratorPadding,
        Step = step,
        TrainingCpuSeconds = cpuSeconds,
        Training = training is null ? null : GanTrainingOptionsDto.From(training),
    };
}

/// <summary>Serialized form of <see cref="GanTrainingOptions"/>.</summary>
public sealed record GanTrainingOptionsDto(
    int BatchSize, double GeneratorLearningRate, double DiscriminatorLearningRate, double Beta1, double Beta2,
    GanLoss Loss, bool DiffAugment, double EmaDecay, long Seed, int DiscriminatorSteps = 1, bool Cutout = true,
    double ModeSeekingWeight = 0.0)
{
    public static GanTrainingOptionsDto From(GanTrainingOptions o) =>
        new(o.BatchSize, o.GeneratorLearningRate, o.DiscriminatorLearningRate, o.Beta1, o.Beta2, o.Loss, o.DiffAugment, o.EmaDecay, o.Seed, o.DiscriminatorSteps, o.Cutout, o.ModeSeekingWeight);

    public GanTrainingOptions ToOptions() =>
        new(BatchSize, GeneratorLearningRate, DiscriminatorLearningRate, Beta1, Beta2, Loss, DiffAugment, EmaDecay, Seed, DiscriminatorSteps, Cutout, ModeSeekingWeight);
}
