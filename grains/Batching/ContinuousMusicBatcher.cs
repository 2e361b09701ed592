using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Telemetry;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Grains.Batching;

/// <summary>
/// Continuous batching for a music model grain: once the limits are resolved (calibrated on this device, as for
/// window batching), requests join the model's running batch at its next step, up to the maximum batch size at
/// once. With window batching a batch's streams start and finish together, so between batches the model idles
/// while answers travel back and the next requests arrive; here it keeps stepping the streams still running.
/// </summary>
public sealed class ContinuousMusicBatcher : IRequestBatcher<MusicRequest, byte[]>
{
    public const string Mode = "continuous";
    private readonly CancellationTokenSource stopping = new();
    private readonly Task<(BatchLimits Limits, ContinuousMusicGenerator Engine)> started;
    private int disposed;

    /// <param name="resolveLimits">Called once on a worker thread before the first request runs (e.g. to calibrate).</param>
    public ContinuousMusicBatcher(string modelName, IContinuousMusicGenerator generator, Func<CancellationToken, BatchLimits> resolveLimits)
    {
        started = Task.Factory.StartNew(() =>
        {
            var resolved = BatchCalibrator.OrOneAtATime(resolveLimits, stopping.Token);
            var limits = resolved with { Source = $"{resolved.Source}, {Mode}" };
            return (limits, generator.StartContinuous(limits.MaxBatchSize, new MetricsObserver(modelName)));
        }, stopping.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Ready = started.ContinueWith(t => t.Result.Limits, TaskContinuationOptions.ExecuteSynchronously);
    }

    public Task<BatchLimits> Ready { get; }

    public async Task<byte[]> EnqueueAsync(MusicRequest request)
    {
        var (_, engine) = await started;
        return await engine.GenerateMidiAsync(request);
    }

    public async Task DrainAsync()
    {
        var (_, engine) = await started;
        await engine.DrainAsync();
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await stopping.CancelAsync();
        try
        {
            var (_, engine) = await started;
            engine.Dispose(); // waits for the step in progress; unfinished requests fail as "shutting down"
        }
        catch (Exception)
        {
            // Cancelled before it started, or the model was already unloaded: nothing is running.
        }
        stopping.Dispose();
    }

    /// <summary>Reports each step as one batched forward pass, and each request's wait for a place in the batch.</summary>
    private sealed class MetricsObserver(string modelName) : IContinuousBatchObserver
    {
        private readonly KeyValuePair<string, object?> modelTag = new("model", modelName);

        public void Admitted(TimeSpan waited) => CreativeGenMetrics.QueueWait.Record(waited.TotalMilliseconds, modelTag);

        public void Stepped(int streams, TimeSpan elapsed)
        {
            CreativeGenMetrics.BatchSize.Record(streams, modelTag);
            CreativeGenMetrics.BatchDuration.Record(elapsed.TotalMilliseconds, modelTag);
        }
    }
}
