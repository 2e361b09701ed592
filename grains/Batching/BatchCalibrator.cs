using System.Diagnostics;
using CreativeGen.GrainInterfaces.Models;

namespace CreativeGen.Grains.Batching;

/// <summary>One calibration probe: a batch size and its measured throughput.</summary>
public sealed record BatchProbe(int BatchSize, TimeSpan Elapsed)
{
    public double ItemsPerSecond => BatchSize / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Measures, on the device at hand, how throughput changes with batch size, and picks the maximum batch:
/// the smallest size within 5% of the best measured rate (smaller batches wait less). A convolutional
/// generator on a small CPU peaks near batch 4; an LSTM sampler keeps gaining up to 32 or more.
/// </summary>
public static class BatchCalibrator
{
    public const double NearBestFraction = 0.95;

    /// <summary>
    /// Times <paramref name="runBatch"/> at 1, 2, 4, ... up to <paramref name="maxBatchSize"/>, then sweeps the
    /// same sizes a second time and keeps each size's faster run: load from other processes only ever makes a
    /// probe slower, and two sweeps apart are less likely to share one busy moment than two runs in a row.
    /// </summary>
    public static IReadOnlyList<BatchProbe> Measure(Action<int> runBatch, int maxBatchSize, TimeSpan probeLimit, CancellationToken cancellationToken = default)
    {
        runBatch(1); // warm-up: first calls allocate and load kernels
        runBatch(Math.Min(4, maxBatchSize));
        return Measure(size => Time(runBatch, size), maxBatchSize, probeLimit, cancellationToken);
    }

    /// <summary>As above, with the timing of one batch supplied (tests simulate a device with it).</summary>
    public static IReadOnlyList<BatchProbe> Measure(Func<int, TimeSpan> timeBatch, int maxBatchSize, TimeSpan probeLimit, CancellationToken cancellationToken = default)
    {
        var probes = new List<BatchProbe>();
        var bestRate = 0.0;
        for (var size = 1; size <= maxBatchSize; size *= 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var probe = new BatchProbe(size, timeBatch(size));
            probes.Add(probe);
            bestRate = Math.Max(bestRate, probe.ItemsPerSecond);
            // Stop once a probe is too slow to repeat in service, or clearly past the peak (judged from batch 8 on,
            // so that one noisy small probe cannot end the calibration before batching had a chance).
            if (probe.Elapsed > probeLimit || (size >= 8 && probe.ItemsPerSecond < 0.5 * bestRate)) break;
        }
        for (var i = 0; i < probes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (probes[i].Elapsed <= probeLimit)
                probes[i] = probes[i] with { Elapsed = TimeSpan.FromTicks(Math.Min(probes[i].Elapsed.Ticks, timeBatch(probes[i].BatchSize).Ticks)) };
        }
        return probes;
    }

    private static TimeSpan Time(Action<int> runBatch, int size)
    {
        var start = Stopwatch.GetTimestamp();
        runBatch(size);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>The smallest probed size whose rate is within <see cref="NearBestFraction"/> of the best.</summary>
    public static int Choose(IReadOnlyList<BatchProbe> probes)
    {
        if (probes.Count == 0) throw new ArgumentException("No calibration probes to choose from.", nameof(probes));
        var best = probes.Max(p => p.ItemsPerSecond);
        return probes.Where(p => p.ItemsPerSecond >= NearBestFraction * best).Min(p => p.BatchSize);
    }

    /// <summary>
    /// Runs <paramref name="resolve"/>; if it fails (other than by cancellation), batches hold one request: a model that
    /// cannot run a probe batch then fails each request with the real error.
    /// </summary>
    public static BatchLimits OrOneAtATime(Func<CancellationToken, BatchLimits> resolve, CancellationToken cancellationToken)
    {
        try
        {
            return resolve(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new BatchLimits(1, 0, "calibration failed");
        }
    }

    /// <summary>The limits a model grain runs with: disabled, fixed by configuration, or calibrated now.</summary>
    public static BatchLimits Resolve(BatchingOptions options, string modelName, Action<int> runBatch, Action<IReadOnlyList<BatchProbe>>? report = null,
        CancellationToken cancellationToken = default)
    {
        if (!options.Enabled) return new BatchLimits(1, 0, "disabled");
        if (options.MaxBatchSizeByModel.TryGetValue(modelName, out var fixedForModel))
            return new BatchLimits(fixedForModel, options.WindowMilliseconds, "configured");
        if (options.MaxBatchSize > 0) return new BatchLimits(options.MaxBatchSize, options.WindowMilliseconds, "configured");
        var probes = Measure(runBatch, options.CalibrationMaxBatchSize, TimeSpan.FromSeconds(options.CalibrationProbeLimitSeconds), cancellationToken);
        report?.Invoke(probes);
        return new BatchLimits(Choose(probes), options.WindowMilliseconds, "calibrated");
    }
}
