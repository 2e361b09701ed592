using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Music.Training;

/// <summary>Which optimizer trains the model.</summary>
public enum OptimizerKind
{
    RmsProp,
    Adam,
}

/// <summary>
/// Everything that defines a training run. Named presets: <see cref="SeedRecipe"/> (the seed project's
/// Classical-Piano-Composer recipe) and <see cref="PianoSmall"/> (the shipped default). The constructor-like
/// <see cref="Validate"/> rejects nonsense with a clear message.
/// </summary>
public sealed record TrainingOptions
{
    public string Preset { get; init; } = "custom";
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.PerformanceEvents;
    public bool Conditioned { get; init; } = true;
    public int Tracks { get; init; } = 1;
    public bool ApplySustain { get; init; } = true;
    public int EmbeddingSize { get; init; } = 128;
    public int HiddenSize { get; init; } = 256;
    public int Layers { get; init; } = 2;
    public double Dropout { get; init; } = 0.2;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.RmsProp;
    public double LearningRate { get; init; } = 0.001;
    public double ClipNorm { get; init; } = 1.0;
    public int SequenceLength { get; init; } = 128;
    public int BatchSize { get; init; } = 32;
    public int MaxEpochs { get; init; } = 1000;
    public double? TargetValidationLoss { get; init; }
    public int Patience { get; init; } = 10;
    /// <summary>Windows drawn per epoch (null: every window of the augmented training stream once).</summary>
    public int? WindowsPerEpoch { get; init; }
    /// <summary>Stop once the run has used this much CPU time (all epochs, resumes included).</summary>
    public double? MaxCpuMinutes { get; init; }
    public int Transpose { get; init; } = 6;
    public double TempoStretch { get; init; } = 0.1;
    public int MinSymbolCount { get; init; } = 2;
    public int MaxSymbols { get; init; } = 6000;
    public long Seed { get; init; } = 1;
    /// <summary>
    /// Windows cut mid-piece open with the state the piece left open there (held notes and the velocity in force).
    /// Checkpoints written before this option existed read it as true, so resuming them trains with it.
    /// </summary>
    public bool WindowState { get; init; } = true;

    public static TrainingOptions SeedRecipe => new()
    {
        Preset = "seed-recipe",
        Tokenizer = TokenizerKind.NotesAndChords,
        Conditioned = false,
        EmbeddingSize = 256,
        HiddenSize = 512,
        Layers = 3,
        Dropout = 0.3,
        Optimizer = OptimizerKind.RmsProp,
        LearningRate = 0.001,
        SequenceLength = 100,
        BatchSize = 64,
        Transpose = 0,
        TempoStretch = 0,
        ClipNorm = 0,
    };

    public static TrainingOptions PianoSmall => new() { Preset = "piano-small" };

    /// <summary>
    /// Three-part pop songs (POP909) on bar/position tokens with key, tempo and per-beat chords; transposition by up to
    /// ±6 semitones shows every song in every key, so the key token (not the song) decides the key. Sized to learn
    /// something in about an hour of one CPU core.
    /// </summary>
    public static TrainingOptions PopSmall => new()
    {
        Preset = "pop-small",
        Tokenizer = TokenizerKind.PopBars,
        Conditioned = false,
        Tracks = 3,
        ApplySustain = false,
        EmbeddingSize = 96,
        HiddenSize = 256,
        Layers = 2,
        Dropout = 0.1,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 0.002,
        SequenceLength = 256,
        BatchSize = 32,
        WindowsPerEpoch = 640,
        Patience = 1000,
        Transpose = 6,
        TempoStretch = 0.1,
    };

    public static TrainingOptions FromPreset(string name) => name switch
    {
        "pop-small" => PopSmall,
        "seed-recipe" => SeedRecipe,
        "piano-small" => PianoSmall,
        _ => throw new ArgumentException($"unknown preset '{name}' (known: seed-recipe, piano-small, pop-small)", nameof(name)),
    };

    public TrainingOptions Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(Tracks is >= 1 and <= 4, $"tracks must be 1..4 (got {Tracks})");
        Require(LearningRate is > 0 and < 1, $"learning rate must be in (0, 1) (got {LearningRate})");
        Require(ClipNorm >= 0, $"gradient clip norm must be ≥ 0, 0 = off (got {ClipNorm})");
        Require(SequenceLength is >= 2 and <= 10_000, $"sequence length must be 2..10000 (got {SequenceLength})");
        Require(BatchSize is >= 1 and <= 4096, $"batch size must be 1..4096 (got {BatchSize})");
        Require(MaxEpochs >= 1, $"max epochs must be ≥ 1 (got {MaxEpochs})");
        Require(Patience >= 1, $"patience must be ≥ 1 (got {Patience})");
        Require(WindowsPerEpoch is null or >= 1, $"windows per epoch must be ≥ 1 (got {WindowsPerEpoch})");
        Require(MaxCpuMinutes is null or > 0, $"CPU budget must be > 0 minutes (got {MaxCpuMinutes})");
        Require(Transpose is >= 0 and <= 12, $"transposition range must be 0..12 semitones (got {Transpose})");
        Require(TempoStretch is >= 0 and < 0.5, $"tempo stretch must be in [0, 0.5) (got {TempoStretch})");
        Require(MinSymbolCount >= 1 && MaxSymbols >= 40, "symbol vocabulary limits: min count ≥ 1, max symbols ≥ 40");
        _ = new Model.MusicModelConfig(2, EmbeddingSize, HiddenSize, Layers, Dropout);
        return this;
    }
}
