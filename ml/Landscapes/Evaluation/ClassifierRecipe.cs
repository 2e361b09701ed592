namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// How the category classifier is built and trained. <see cref="Quick"/> keeps the first classifier's size, epochs and
/// learning rate (that one, trained with flips and shifts only, reached 77 % on val at 64 px); <see cref="Accurate"/> is deeper, trains longer on a cosine schedule with label smoothing and stronger
/// augmentation, because glacier and mountain photos differ in detail a shallow net at 64 px does not see.
/// </summary>
public sealed record ClassifierRecipe
{
    public ClassifierRecipe(int epochs, int width, int convsPerStage, double learningRate, double labelSmoothing, int batchSize = 64, long seed = 5)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "At least one epoch.");
        if (width is < 4 or > 256) throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be in [4, 256].");
        if (convsPerStage is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(convsPerStage), convsPerStage, "1 to 3 convolutions per stage.");
        if (learningRate is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Learning rate must be in (0, 1].");
        if (labelSmoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1).");
        if (batchSize < 2) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch norm needs batches of at least 2.");
        Epochs = epochs;
        Width = width;
        ConvsPerStage = convsPerStage;
        LearningRate = learningRate;
        LabelSmoothing = labelSmoothing;
        BatchSize = batchSize;
        Seed = seed;
    }

    public int Epochs { get; }

    public int Width { get; }

    public int ConvsPerStage { get; }

    public double LearningRate { get; }

    public double LabelSmoothing { get; }

    public int BatchSize { get; }

    public long Seed { get; }

    public static ClassifierRecipe Quick { get; } = new(epochs: 8, width: 32, convsPerStage: 1, learningRate: 2e-3, labelSmoothing: 0);

    public static ClassifierRecipe Accurate { get; } = new(epochs: 18, width: 32, convsPerStage: 2, learningRate: 3e-3, labelSmoothing: 0.1);

    public static ClassifierRecipe Named(string name) => name switch
    {
        "quick" => Quick,
        "accurate" => Accurate,
        _ => throw new ArgumentException($"Unknown classifier recipe '{name}' (quick, accurate).", nameof(name)),
    };

    public ClassifierRecipe WithEpochs(int epochs) => new(epochs, Width, ConvsPerStage, LearningRate, LabelSmoothing, BatchSize, Seed);
}
