namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>How long a training run lasts and where it writes. Checkpoints go to OutputDirectory/train.ckpt and
/// model.ckpt, contact sheets to OutputDirectory/sheets/step-NNNNNN.png.</summary>
public sealed record TrainingRunOptions
{
    public TrainingRunOptions(string outputDirectory, long totalSteps, int checkpointEvery, double? cpuBudgetSeconds = null, int sheetColumns = 8, bool keepSnapshots = false)
    {
        if (string.IsNullOrWhiteSpace(outputDirectory)) throw new ArgumentException("An output directory is required.", nameof(outputDirectory));
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Total steps must be at least 1.");
        if (checkpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(checkpointEvery), checkpointEvery, "Checkpoint interval must be at least 1 step.");
        if (cpuBudgetSeconds is <= 0) throw new ArgumentOutOfRangeException(nameof(cpuBudgetSeconds), cpuBudgetSeconds, "The CPU budget must be positive.");
        if (sheetColumns is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(sheetColumns), sheetColumns, "Contact sheet columns must be in [1, 64].");
        OutputDirectory = outputDirectory;
        TotalSteps = totalSteps;
        CheckpointEvery = checkpointEvery;
        CpuBudgetSeconds = cpuBudgetSeconds;
        SheetColumns = sheetColumns;
        KeepSnapshots = keepSnapshots;
    }

    public string OutputDirectory { get; }
    public long TotalSteps { get; }
    public int CheckpointEvery { get; }

    /// <summary>Stop once training has used this many process CPU seconds in total (fair budgets on a shared machine).</summary>
    public double? CpuBudgetSeconds { get; }

    public int SheetColumns { get; }

    /// <summary>Also keep the model file of every checkpoint (snapshots/model-step-NNNNNN.ckpt), e.g. to compare equal CPU budgets.</summary>
    public bool KeepSnapshots { get; }

    public string TrainingCheckpointPath => Path.Combine(OutputDirectory, "train.ckpt");
    public string ModelPath => Path.Combine(OutputDirectory, "model.ckpt");
    public string SheetPath(long step) => Path.Combine(OutputDirectory, "sheets", $"step-{step:D6}.png");
    public string SnapshotPath(long step) => Path.Combine(OutputDirectory, "snapshots", $"model-step-{step:D6}.ckpt");
}
