using System.Diagnostics;
using System.Threading.Channels;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Telemetry;

namespace CreativeGen.Grains.Batching;

/// <summary>
/// Collects concurrent requests into batches: the first request waits up to the window for others, and a
/// batch closes early when it reaches the maximum size. Batches run one at a time on a thread-pool thread
/// (never on the Orleans scheduler). If a batch fails, its requests are retried one by one so that one bad
/// request fails alone.
/// </summary>
public sealed class DynamicBatcher<TRequest, TResult> : IRequestBatcher<TRequest, TResult>
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Func<IReadOnlyList<TRequest>, CancellationToken, IReadOnlyList<TResult>> runBatch;
    private readonly Func<CancellationToken, BatchLimits> resolveLimits;
    private readonly KeyValuePair<string, object?> modelTag;
    private readonly TaskCompletionSource<BatchLimits> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task loop;
    private int disposed;

    /// <param name="modelName">Tag for the metrics.</param>
    /// <param name="runBatch">Runs one batch; must return one result per request, in order.</param>
    /// <param name="resolveLimits">Called once on the batch thread before the first batch (e.g. to calibrate); if it throws, batches hold one request.</param>
    public DynamicBatcher(string modelName, Func<IReadOnlyList<TRequest>, CancellationToken, IReadOnlyList<TResult>> runBatch,
        Func<CancellationToken, BatchLimits> resolveLimits)
    {
        this.runBatch = runBatch;
        this.resolveLimits = resolveLimits;
        modelTag = new("model", modelName);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Completes with the limits in force once they are known (after calibration, if any).</summary>
    public Task<BatchLimits> Ready => ready.Task;

    public Task<TResult> EnqueueAsync(TRequest request)
    {
        var pending = new Pending(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(DynamicBatcher<TRequest, TResult>), "The model is shutting down.");
        return pending.Completion.Task;
    }

    public async Task DrainAsync()
    {
        queue.Writer.TryComplete(); // the loop runs what is queued, then ends
        await loop;
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        BatchLimits limits;
        try
        {
            limits = BatchCalibrator.OrOneAtATime(resolveLimits, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            ready.TrySetCanceled();
            FailAll(new ObjectDisposedException("The model is shutting down."));
            return;
        }
        ready.TrySetResult(limits);

        var reader = queue.Reader;
        var batch = new List<Pending>(limits.MaxBatchSize);
        var window = (long)(limits.WindowMilliseconds * Stopwatch.Frequency / 1000.0);
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                if (!reader.TryRead(out var first)) continue;
                batch.Add(first);
                var deadline = first.EnqueuedAt + window;
                while (batch.Count < limits.MaxBatchSize)
                {
                    if (reader.TryRead(out var next))
                    {
                        batch.Add(next);
                        continue;
                    }
                    var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining)) break;
                }
                Execute(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        FailAll(new ObjectDisposedException("The model is shutting down."));
    }

    private async Task<bool> WaitForMoreAsync(ChannelReader<Pending> reader, TimeSpan remaining)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(remaining);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Execute(List<Pending> batch)
    {
        var start = Stopwatch.GetTimestamp();
        foreach (var pending in batch)
            CreativeGenMetrics.QueueWait.Record(Stopwatch.GetElapsedTime(pending.EnqueuedAt, start).TotalMilliseconds, modelTag);
        CreativeGenMetrics.BatchSize.Record(batch.Count, modelTag);
        try
        {
            var results = runBatch(batch.Select(p => p.Request).ToList(), stopping.Token);
            if (results.Count != batch.Count)
                throw new InvalidOperationException($"The model returned {results.Count} results for a batch of {batch.Count}.");
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch) RunAlone(pending);
        }
        catch (Exception error)
        {
            batch[0].Completion.TrySetException(error);
        }
        CreativeGenMetrics.BatchDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, modelTag);
    }

    private void RunAlone(Pending pending)
    {
        try
        {
            pending.Completion.TrySetResult(runBatch([pending.Request], stopping.Token)[0]);
        }
        catch (Exception error)
        {
            pending.Completion.TrySetException(error);
        }
    }

    private void FailAll(Exception error)
    {
        queue.Writer.TryComplete();
        while (queue.Reader.TryRead(out var pending)) pending.Completion.TrySetException(error);
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Completion, long EnqueuedAt);
}
