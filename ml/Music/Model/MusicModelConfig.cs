namespace CreativeGen.Ml.Music.Model;

/// <summary>Shape of a token LSTM. The constructor rejects nonsense with a clear message.</summary>
public sealed record MusicModelConfig
{
    public MusicModelConfig(int vocabularySize, int embeddingSize, int hiddenSize, int layers, double dropout)
    {
        if (vocabularySize < 2) throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "the vocabulary needs at least 2 tokens");
        if (embeddingSize is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(embeddingSize), embeddingSize, "embedding size must be 1..4096");
        if (hiddenSize is < 1 or > 8192) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "hidden size must be 1..8192");
        if (layers is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(layers), layers, "layers must be 1..16");
        if (dropout is < 0 or >= 1 || double.IsNaN(dropout)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout must be in [0, 1)");
        VocabularySize = vocabularySize;
        EmbeddingSize = embeddingSize;
        HiddenSize = hiddenSize;
        Layers = layers;
        Dropout = dropout;
    }

    public int VocabularySize { get; init; }

    public int EmbeddingSize { get; init; }

    public int HiddenSize { get; init; }

    public int Layers { get; init; }

    public double Dropout { get; init; }
}
