namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>How a landscape GAN is trained. Use the named presets; every value is validated.</summary>
public sealed record GanTrainingOptions
{
    public GanTrainingOptions(
        int batchSize,
        double generatorLearningRate,
        double discriminatorLearningRate,
        double beta1,
        double beta2,
        GanLoss loss,
        bool diffAugment,
        double emaDecay,
        long seed = 1,
        int discriminatorSteps = 1,
        bool cutout = true,
        double modeSeekingWeight = 0.0)
    {
        if (modeSeekingWeight is < 0 or > 100 || double.IsNaN(modeSeekingWeight))
            throw new ArgumentOutOfRangeException(nameof(modeSeekingWeight), modeSeekingWeight, "Mode-seeking weight must be in [0, 100] (0: off).");
        if (discriminatorSteps is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(discriminatorSteps), discriminatorSteps, "Discriminator steps per generator step must be in [1, 10].");
        if (batchSize is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be in [1, 4096].");
        if (generatorLearningRate is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(generatorLearningRate), generatorLearningRate, "Learning rate must be in (0, 1].");
        if (discriminatorLearningRate is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(discriminatorLearningRate), discriminatorLearningRate, "Learning rate must be in (0, 1].");
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Adam beta1 must be in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Adam beta2 must be in [0, 1).");
        if (emaDecay is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(emaDecay), emaDecay, "EMA decay must be in [0, 1) (0: no averaging).");
        BatchSize = batchSize;
        GeneratorLearningRate = generatorLearningRate;
        DiscriminatorLearningRate = discriminatorLearningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Loss = loss;
        DiffAugment = diffAugment;
        EmaDecay = emaDecay;
        Seed = seed;
        DiscriminatorSteps = discriminatorSteps;
        Cutout = cutout;
        ModeSeekingWeight = modeSeekingWeight;
    }

    public int BatchSize { get; init; }
    public double GeneratorLearningRate { get; }
    public double DiscriminatorLearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public GanLoss Loss { get; }
    public bool DiffAugment { get; }
    public double EmaDecay { get; }
    public long Seed { get; init; }

    /// <summary>Discriminator updates (each on its own real batch) per generator update.</summary>
    public int DiscriminatorSteps { get; }

    /// <summary>Whether DiffAugment includes the cutout (colour and translation are always on when it is on).</summary>
    public bool Cutout { get; }

    /// <summary>
    /// Weight λ of the mode-seeking term (Mao et al. 2019) added to the generator loss: λ / (mean|G(z1) − G(z2)| /
    /// mean|z1 − z2| + ε), over pairs of generated images of the same category. 0: off.
    /// </summary>
    public double ModeSeekingWeight { get; }

    /// <summary>A copy with some values replaced (validated like the constructor).</summary>
    public GanTrainingOptions With(
        double? generatorLearningRate = null, double? discriminatorLearningRate = null, GanLoss? loss = null,
        int? discriminatorSteps = null, bool? diffAugment = null, bool? cutout = null, double? modeSeekingWeight = null) =>
        new(BatchSize, generatorLearningRate ?? GeneratorLearningRate, discriminatorLearningRate ?? DiscriminatorLearningRate,
            Beta1, Beta2, loss ?? Loss, diffAugment ?? DiffAugment, EmaDecay, Seed, discriminatorSteps ?? DiscriminatorSteps,
            cutout ?? Cutout, modeSeekingWeight ?? ModeSeekingWeight);

    /// <summary>
    /// The landscape recipe: two time-scale update rule (D learns 4x faster than G, Heusel et al. 2017), hinge loss,
    /// Adam(0, 0.9), DiffAugment (colour, translation, cutout), EMA of the generator with decay 0.999, and a
    /// mode-seeking term of weight 0.1 against the within-category collapse (without it, each category's images were
    /// nearly one picture; 1.0 and 0.3 overshot the real photos' variety and lost category fidelity, see
    /// bench/RESULTS.md).
    /// </summary>
    public static GanTrainingOptions Landscape(int batchSize = 32, long seed = 1, double modeSeekingWeight = 0.1) =>
        new(batchSize, 1e-4, 4e-4, 0.0, 0.9, GanLoss.Hinge, diffAugment: true, emaDecay: 0.999, seed, modeSeekingWeight: modeSeekingWeight);

    /// <summary>
    /// The landscape recipe with a stronger discriminator: two discriminator updates per generator update, one
    /// learning rate 2e-4 for both, DiffAugment without cutout (the default recipe's discriminator stayed at the
    /// hinge loss of chance for a whole run).
    /// </summary>
    public static GanTrainingOptions LandscapeBalanced(int batchSize = 32, long seed = 1) =>
        new(batchSize, 2e-4, 2e-4, 0.0, 0.9, GanLoss.Hinge, diffAugment: true, emaDecay: 0.999, seed, discriminatorSteps: 2, cutout: false);

    /// <summary>The seed's first attempt: one learning rate 2e-4 for both, Adam(0.5, 0.999), BCE, no augmentation, no EMA.</summary>
    public static GanTrainingOptions SeedBaseline(int batchSize = 32, long seed = 1) =>
        new(batchSize, 2e-4, 2e-4, 0.5, 0.999, GanLoss.NonSaturating, diffAugment: false, emaDecay: 0.0, seed);
}
