using System.Collections.Concurrent;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Ml.Tests.Music.Sampling;

public sealed class ContinuousMusicGeneratorTests(TinyPianoModelFixture model) : IClassFixture<TinyPianoModelFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RequestsJoiningARunningBatch_GetTheSameBytesAsAlone()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        MusicRequest longOne = new("Chopin", 40, 1.0, null, null, 1), shortOne = new("Haydn", 3, 0.8, 20, null, 2), nucleus = new(null, 5, 1.1, null, 0.9, 3);
        var alone = new[] { longOne, shortOne, nucleus }.Select(r => generator.GenerateMidi([r])[0]).ToArray();
        // The stepping thread waits after its 20th step until the others are queued, so they join a running batch
        // however slowly this thread is scheduled (the long piece once finished first under ATEN_CPU_CAPABILITY=avx2).
        var steps = new StepLog(holdAfterSteps: 20);
        using var continuous = generator.StartContinuous(maxStreams: 8, steps);

        var first = continuous.GenerateMidiAsync(longOne);
        await steps.WaitForStepsAsync(20);
        var joined = new[] { continuous.GenerateMidiAsync(shortOne), continuous.GenerateMidiAsync(nucleus) };
        steps.Release();
        var results = await Task.WhenAll(joined.Prepend(first)).WaitAsync(Patience);

        Assert.Equal(alone, results);
        Assert.True(steps.JoinedWhileRunning, $"no request joined a running batch; step sizes: {steps}");
    }

    [Fact]
    public async Task MoreRequestsThanPlaces_WaitTheirTurnAndAllFinish()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var requests = Enumerable.Range(0, 7).Select(i => new MusicRequest(null, 2 + i % 3, 1.0, null, null, 100 + i)).ToArray();
        var steps = new StepLog();
        using var continuous = generator.StartContinuous(maxStreams: 3, steps);

        var results = await Task.WhenAll(requests.Select(continuous.GenerateMidiAsync)).WaitAsync(Patience);

        Assert.Equal(3, steps.Sizes.Max());
        Assert.Equal(7, steps.Admissions);
        Assert.Equal(generator.GenerateMidi(requests), results);
    }

    [Fact]
    public async Task InvalidRequest_FailsAloneWithTheReason()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        using var continuous = generator.StartContinuous(maxStreams: 4);

        var bad = continuous.GenerateMidiAsync(new MusicRequest("Nobody", 2, 1.0, null, null, 1));
        var good = continuous.GenerateMidiAsync(new MusicRequest(null, 2, 1.0, null, null, 1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => bad);
        Assert.Contains("unknown composer 'Nobody'", error.Message);
        Assert.NotEmpty(await good.WaitAsync(Patience));
    }

    [Fact]
    public async Task Dispose_WithRequestsInFlight_FailsThemInsteadOfHanging()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var steps = new StepLog();
        var continuous = generator.StartContinuous(maxStreams: 1, steps);
        var running = continuous.GenerateMidiAsync(new MusicRequest(null, 600, 1.0, null, null, 1));
        var queued = continuous.GenerateMidiAsync(new MusicRequest(null, 600, 1.0, null, null, 2));
        await steps.WaitForStepsAsync(5);

        continuous.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => running.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => continuous.GenerateMidiAsync(new MusicRequest(null, 2, 1.0, null, null, 3)));
        Assert.NotEmpty(generator.GenerateMidi([new MusicRequest(null, 1, 1.0, null, null, 4)])); // the generator itself still works
    }

    [Fact]
    public async Task Drain_FinishesEveryRequestItHolds_ThenRefusesNewOnes()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var requests = Enumerable.Range(0, 5).Select(i => new MusicRequest(null, 3 + i, 1.0, null, null, 200 + i)).ToArray();
        var steps = new StepLog();
        var continuous = generator.StartContinuous(maxStreams: 2, steps); // some wait in the queue when the drain starts
        var pending = requests.Select(continuous.GenerateMidiAsync).ToArray();
        await steps.WaitForStepsAsync(3);

        await continuous.DrainAsync().WaitAsync(Patience);

        Assert.Equal(generator.GenerateMidi(requests), await Task.WhenAll(pending).WaitAsync(Patience));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => continuous.GenerateMidiAsync(requests[0]));
    }

    [Fact]
    public async Task GeneratorDisposedUnderneath_FailsRequestsWithoutCrashing()
    {
        var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        // The stepping thread waits after its fifth step until the model is gone: a tiny model on the C# stepper
        // otherwise finished the 600 s piece before a loaded machine got round to disposing it.
        var steps = new StepLog(holdAfterSteps: 5);
        using var continuous = generator.StartContinuous(maxStreams: 2, steps);
        var running = continuous.GenerateMidiAsync(new MusicRequest(null, 600, 1.0, null, null, 1));
        await steps.WaitForStepsAsync(5);

        generator.Dispose();
        steps.Release();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => running.WaitAsync(Patience));
    }

    /// <summary>Records the size of every step and how many requests were admitted.</summary>
    /// <param name="holdAfterSteps">Block the stepping thread once this many steps ran, until <see cref="Release"/>.</param>
    private sealed class StepLog(int? holdAfterSteps = null) : IContinuousBatchObserver
    {
        private readonly ConcurrentQueue<int> sizes = new();
        private readonly ManualResetEventSlim released = new(holdAfterSteps is null);
        private int admissions;

        public void Release() => released.Set();

        public IReadOnlyList<int> Sizes => [.. sizes];

        public int Admissions => Volatile.Read(ref admissions);

        /// <summary>Some step had more streams than the step before it, which had at least one.</summary>
        public bool JoinedWhileRunning => Sizes.Zip(Sizes.Skip(1)).Any(p => p.First >= 1 && p.Second > p.First);

        public void Admitted(TimeSpan waited) => Interlocked.Increment(ref admissions);

        public void Stepped(int streams, TimeSpan elapsed)
        {
            sizes.Enqueue(streams);
            if (sizes.Count >= holdAfterSteps) released.Wait(Patience);
        }

        public async Task WaitForStepsAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (sizes.Count < count)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {sizes.Count} steps ran");
                await Task.Delay(1);
            }
        }

        public override string ToString() => string.Join(",", Sizes.Take(60));
    }
}
