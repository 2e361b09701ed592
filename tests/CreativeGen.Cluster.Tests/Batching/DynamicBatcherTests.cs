using System.Collections.Concurrent;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;

namespace CreativeGen.Cluster.Tests.Batching;

public sealed class DynamicBatcherTests
{
    [Fact]
    public async Task ConcurrentRequests_WithinTheWindow_RunAsOneBatch()
    {
        var batches = new ConcurrentQueue<int>();
        await using var batcher = Doubling(batches, new BatchLimits(16, 200, "configured"));
        await batcher.Ready;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(batcher.EnqueueAsync));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 2), results);
        Assert.Equal([10], batches);
    }

    [Fact]
    public async Task Batches_NeverExceedTheMaximumSize()
    {
        var batches = new ConcurrentQueue<int>();
        await using var batcher = Doubling(batches, new BatchLimits(4, 200, "configured"));
        await batcher.Ready;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(batcher.EnqueueAsync));

        Assert.All(batches, size => Assert.InRange(size, 1, 4));
        Assert.Equal(10, batches.Sum());
        Assert.Equal(3, batches.Count); // 4 + 4 + 2: full batches close early, the rest after the window
    }

    [Fact]
    public async Task LoneRequest_RunsWhenTheWindowExpires()
    {
        await using var batcher = Doubling(new ConcurrentQueue<int>(), new BatchLimits(64, 30, "configured"));
        await batcher.Ready;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(42, await batcher.EnqueueAsync(21));

        Assert.InRange(watch.ElapsedMilliseconds, 20, 2000);
    }

    [Fact]
    public async Task DisabledBatching_RunsEveryRequestAlone()
    {
        var batches = new ConcurrentQueue<int>();
        await using var batcher = Doubling(batches, BatchCalibrator.Resolve(new BatchingOptions { Enabled = false }, "m", _ => { }));
        await batcher.Ready;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(batcher.EnqueueAsync));

        Assert.Equal(Enumerable.Repeat(1, 6), batches);
    }

    [Fact]
    public async Task BadRequestInABatch_FailsAloneAndTheOthersSucceed()
    {
        await using var batcher = new DynamicBatcher<int, int>("test", (requests, _) =>
            requests.Any(r => r < 0) ? throw new ArgumentException("negative input") : [.. requests.Select(r => r * 2)],
            _ => new BatchLimits(8, 100, "configured"));
        await batcher.Ready;

        var good = batcher.EnqueueAsync(1);
        var bad = batcher.EnqueueAsync(-1);
        var alsoGood = batcher.EnqueueAsync(3);

        Assert.Equal(2, await good);
        Assert.Equal(6, await alsoGood);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => bad);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public async Task Dispose_FailsRequestsStillQueued()
    {
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();
        var batcher = new DynamicBatcher<int, int>("test", (requests, _) =>
        {
            started.TrySetResult();
            gate.Wait();
            return [.. requests];
        }, _ => new BatchLimits(1, 0, "configured"));
        await batcher.Ready;
        var running = batcher.EnqueueAsync(1);
        await started.Task;
        var queued = batcher.EnqueueAsync(2);

        var disposing = batcher.DisposeAsync().AsTask();
        gate.Set();
        await disposing;

        Assert.Equal(1, await running);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
    }

    private static DynamicBatcher<int, int> Doubling(ConcurrentQueue<int> batches, BatchLimits limits) =>
        new("test", (requests, _) =>
        {
            batches.Enqueue(requests.Count);
            return [.. requests.Select(r => r * 2)];
        }, _ => limits);
}
