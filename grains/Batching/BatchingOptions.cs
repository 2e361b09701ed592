namespace CreativeGen.Grains.Batching;

/// <summary>
/// How model grains batch. With <see cref="MaxBatchSize"/> 0 the maximum is measured on this device when a
/// model grain activates (see <see cref="BatchCalibrator"/>); a positive value fixes it.
/// </summary>
public sealed class BatchingOptions
{
    /// <summary>False runs every request on its own (maximum batch 1), e.g. to measure what batching buys.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the first request of a batch waits for company.</summary>
    public double WindowMilliseconds { get; set; } = 5;

    /// <summary>0: calibrate on this device; otherwise the fixed maximum for every model.</summary>
    public int MaxBatchSize { get; set; }

    /// <summary>Fixed maxima for individual models (by model name), overriding calibration.</summary>
    public Dictionary<string, int> MaxBatchSizeByModel { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Music models that support it batch continuously: a request joins the running batch at the next token step,
    /// up to the maximum batch size at once, instead of waiting for a window and for the batch before it to end.
    /// False: window batching, as for landscapes.
    /// </summary>
    public bool ContinuousMusic { get; set; } = true;

    /// <summary>Largest batch size calibration tries.</summary>
    public int CalibrationMaxBatchSize { get; set; } = 64;

    /// <summary>Stop trying larger batches once one probe takes longer than this.</summary>
    public double CalibrationProbeLimitSeconds { get; set; } = 5;

    /// <summary>Length of the music written by calibration probes.</summary>
    public double CalibrationMusicSeconds { get; set; } = 2;

    /// <summary>Copies every setting onto <paramref name="target"/> (the options pattern fills an instance it made).</summary>
    public void CopyTo(BatchingOptions target)
    {
        // Every property, by reflection: a hand-written copy once silently dropped a new setting.
        foreach (var property in typeof(BatchingOptions).GetProperties().Where(p => p is { CanRead: true, CanWrite: true }))
            property.SetValue(target, property.GetValue(this));
        target.MaxBatchSizeByModel = new(MaxBatchSizeByModel, StringComparer.OrdinalIgnoreCase);
    }

    public void Validate()
    {
        if (WindowMilliseconds is < 0 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(WindowMilliseconds), WindowMilliseconds, "Batching window must be within 0..1000 ms.");
        if (MaxBatchSize is < 0 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "Maximum batch size must be 0 (calibrate) or 1..1024.");
        if (CalibrationMaxBatchSize is < 1 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(CalibrationMaxBatchSize), CalibrationMaxBatchSize, "Calibration maximum must be within 1..1024.");
        foreach (var (model, size) in MaxBatchSizeByModel)
            if (size is < 1 or > 1024)
                throw new ArgumentOutOfRangeException(nameof(MaxBatchSizeByModel), size, $"Maximum batch size for '{model}' must be within 1..1024.");
    }
}
