namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>Shape of a landscape GAN. The resolution is a setting: 64, 128 or 256 only change the number of blocks.</summary>
public sealed record LandscapeModelOptions
{
    public LandscapeModelOptions(
        IReadOnlyList<string> categories,
        int resolution = 64,
        int latentSize = 128,
        int baseWidth = 32,
        int embeddingSize = 64,
        LandscapeArchitecture architecture = LandscapeArchitecture.Projection,
        int minibatchStdDevGroup = 0,
        GeneratorPadding generatorPadding = GeneratorPadding.Zeros)
    {
        if (categories.Count < 1) throw new ArgumentException("At least one category.", nameof(categories));
        if (categories.Distinct(StringComparer.Ordinal).Count() != categories.Count) throw new ArgumentException("Category names must be unique.", nameof(categories));
        if (resolution < 8 || resolution > 512 || (resolution & (resolution - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be a power of two in [8, 512].");
        if (latentSize is < 2 or > 1024) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "Latent size must be in [2, 1024].");
        if (baseWidth is < 4 or > 512 || baseWidth % 2 != 0) throw new ArgumentOutOfRangeException(nameof(baseWidth), baseWidth, "Base width must be even and in [4, 512].");
        if (embeddingSize is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(embeddingSize), embeddingSize, "Embedding size must be in [1, 1024].");
        if (minibatchStdDevGroup != 0 && minibatchStdDevGroup is < 2 or > 64)
            throw new ArgumentOutOfRangeException(nameof(minibatchStdDevGroup), minibatchStdDevGroup, "Minibatch standard-deviation group must be 0 (off) or in [2, 64].");
        if (minibatchStdDevGroup != 0 && architecture != LandscapeArchitecture.Projection)
            throw new ArgumentException("Minibatch standard deviation is only built into the projection discriminator.", nameof(minibatchStdDevGroup));
        Categories = categories.ToArray();
        Resolution = resolution;
        LatentSize = latentSize;
        BaseWidth = baseWidth;
        EmbeddingSize = embeddingSize;
        Architecture = architecture;
        MinibatchStdDevGroup = minibatchStdDevGroup;
        GeneratorPadding = generatorPadding;
    }

    public IReadOnlyList<string> Categories { get; }
    public int Resolution { get; }
    public int LatentSize { get; }
    public int BaseWidth { get; }
    public int EmbeddingSize { get; }
    public LandscapeArchitecture Architecture { get; }

    /// <summary>Group size of the discriminator's minibatch standard-deviation feature (Karras et al. 2018); 0: none.</summary>
    public int MinibatchStdDevGroup { get; }

    /// <summary>The projection generator's convolution padding (the baseline architecture has none to choose).</summary>
    public GeneratorPadding GeneratorPadding { get; }

    /// <summary>Number of 2x up- (generator) or down-sampling (discriminator) stages between 4x4 and the resolution.</summary>
    public int Stages => (int)Math.Log2(Resolution / 4);

    public int CategoryIndex(string category)
    {
        for (var i = 0; i < Categories.Count; i++)
            if (string.Equals(Categories[i], category, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ArgumentException($"Unknown category '{category}'; this model knows: {string.Join(", ", Categories)}.", nameof(category));
    }
}
