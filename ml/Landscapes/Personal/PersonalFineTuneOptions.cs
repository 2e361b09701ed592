namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// How a personal model is fine-tuned from the shipped landscape model on a handful of a user's photos. Every value is
/// validated; <see cref="Default"/> is the product setting (10 CPU-minutes), tests shrink the budget to seconds.
/// </summary>
public sealed record PersonalFineTuneOptions
{
    public PersonalFineTuneOptions(
        double cpuBudgetSeconds = 600,
        int frozenGeneratorBlocks = 1,
        int frozenDiscriminatorStages = 2,
        int batchSize = 16,
        double generatorLearningRate = 2e-4,
        double discriminatorLearningRate = 4e-4,
        double modeSeekingWeight = 0.1,
        double emaDecay = 0.99,
        double checkpointEveryCpuSeconds = 60,
        long seed = 1)
    {
        if (!(cpuBudgetSeconds > 0 && cpuBudgetSeconds <= 24 * 3600))
            throw new ArgumentOutOfRangeException(nameof(cpuBudgetSeconds), cpuBudgetSeconds, "The CPU budget must be in (0, 86400] seconds.");
        if (frozenGeneratorBlocks is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(frozenGeneratorBlocks), frozenGeneratorBlocks, "Frozen generator blocks must be in [0, 8].");
        if (frozenDiscriminatorStages is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(frozenDiscriminatorStages), frozenDiscriminatorStages, "Frozen discriminator stages must be in [0, 8].");
        if (batchSize is < 2 or > 256) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be in [2, 256] (mode seeking pairs images).");
        if (!(checkpointEveryCpuSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(checkpointEveryCpuSeconds), checkpointEveryCpuSeconds, "Checkpoint interval must be positive.");
        CpuBudgetSeconds = cpuBudgetSeconds;
        FrozenGeneratorBlocks = frozenGeneratorBlocks;
        FrozenDiscriminatorStages = frozenDiscriminatorStages;
        BatchSize = batchSize;
        GeneratorLearningRate = generatorLearningRate;
        DiscriminatorLearningRate = discriminatorLearningRate;
        ModeSeekingWeight = modeSeekingWeight;
        EmaDecay = emaDecay;
        CheckpointEveryCpuSeconds = checkpointEveryCpuSeconds;
        Seed = seed;
    }

    /// <summary>The product budget: 10 CPU-minutes of training steps (process CPU seconds, all threads).</summary>
    public static PersonalFineTuneOptions Default { get; } = new();

    /// <summary>Training stops once its steps have used this many process CPU seconds (summed over resumes).</summary>
    public double CpuBudgetSeconds { get; init; }

    /// <summary>
    /// Generator upsampling blocks whose convolutions stay frozen, counted from the 4x4 projection (which is frozen
    /// whenever this is above 0): they hold the coarse layout the base model learned from 7,200 photos. The
    /// conditional batch-norm gains and shifts stay trainable everywhere, so the new category can still re-weight them.
    /// </summary>
    public int FrozenGeneratorBlocks { get; init; }

    /// <summary>FreezeD (Mo et al. 2020): the discriminator's first strided convolutions keep their base weights.</summary>
    public int FrozenDiscriminatorStages { get; init; }

    public int BatchSize { get; init; }
    public double GeneratorLearningRate { get; init; }
    public double DiscriminatorLearningRate { get; init; }
    public double ModeSeekingWeight { get; init; }

    /// <summary>A much shorter average than the base recipe's 0.999: a fine-tune lasts hundreds of steps, not thousands.</summary>
    public double EmaDecay { get; init; }

    public double CheckpointEveryCpuSeconds { get; init; }
    public long Seed { get; init; }
}
