using System.Collections.Concurrent;
using System.Diagnostics;
using CreativeGen.Ml.Music.Model;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>What a continuous generator reports, e.g. to metrics. Called on its stepping thread: keep it cheap.</summary>
public interface IContinuousBatchObserver
{
    /// <summary>A request joined the batch after waiting this long.</summary>
    void Admitted(TimeSpan waited);

    /// <summary>One step ran for this many streams.</summary>
    void Stepped(int streams, TimeSpan elapsed);
}

/// <summary>
/// Continuous batching for a <see cref="MusicGenerator"/>: one thread steps the batch without pause while any
/// stream is unfinished; a request joins at the next step (up to <see cref="MaxStreams"/> at once) and leaves
/// when it is done, its MIDI written on the thread pool. Compared with batches that start and finish together,
/// the model never idles while finished requests travel back and new ones arrive, and short requests do not
/// wait for long ones. A request's bytes are the same as from <see cref="MusicGenerator.GenerateMidi(IReadOnlyList{MusicRequest}, CancellationToken)"/>.
/// </summary>
public sealed class ContinuousMusicGenerator : IDisposable
{
    private readonly MusicGenerator generator;
    private readonly LstmStepper stepper; // its own: the generator's serves GenerateMidi calls meanwhile
    private readonly GenerationBatch batch;
    private readonly IContinuousBatchObserver? observer;
    private readonly ConcurrentQueue<Pending> waiting = new();
    private readonly ManualResetEventSlim arrived = new(false);
    private readonly Dictionary<GenerationStream, Pending> running = [];
    private readonly Lock admission = new(); // orders Submit against Dispose, so no request is left behind
    private readonly Thread loop;
    private bool stopping; // guarded by admission
    private bool draining; // guarded by admission
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ContinuousMusicGenerator(MusicGenerator generator, LstmStepper stepper, int maxStreams, IContinuousBatchObserver? observer)
    {
        if (maxStreams is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(maxStreams), maxStreams, "at most 1..1024 streams at once");
        this.generator = generator;
        this.stepper = stepper;
        this.observer = observer;
        MaxStreams = maxStreams;
        batch = new GenerationBatch(stepper, generator.Tokenizer, generator.UsesGrammar);
        loop = new Thread(Run) { IsBackground = true, Name = $"music-steps {generator.ModelName}" };
        loop.Start();
    }

    /// <summary>Most streams stepping at once; later requests wait for a place.</summary>
    public int MaxStreams { get; }

    /// <summary>Writes one MIDI file. An invalid request fails with <see cref="ArgumentException"/> alone.</summary>
    public Task<byte[]> GenerateMidiAsync(MusicRequest request)
    {
        GenerationStream stream;
        try
        {
            stream = generator.Prepare(request, primer: null);
        }
        catch (ArgumentException error)
        {
            return Task.FromException<byte[]>(error);
        }
        var pending = new Pending(request, stream, new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        lock (admission)
        {
            if (stopping || draining) return Task.FromException<byte[]>(new ObjectDisposedException(nameof(ContinuousMusicGenerator), "The model is shutting down."));
            waiting.Enqueue(pending);
        }
        arrived.Set();
        return pending.Completion.Task;
    }

    /// <summary>
    /// Takes no more requests, finishes every one it holds (their MIDI may still be being written when this
    /// completes), then stops (e.g. after a hot swap sent new requests elsewhere).
    /// </summary>
    public async Task DrainAsync()
    {
        lock (admission) draining = true;
        arrived.Set();
        await idle.Task;
        Dispose();
    }

    /// <summary>Stops stepping; requests not finished by then fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (admission)
        {
            if (stopping) return;
            stopping = true;
        }
        arrived.Set();
        loop.Join();
        idle.TrySetResult();
        Fail(new ObjectDisposedException(nameof(ContinuousMusicGenerator), "The model is shutting down."));
        batch.Dispose();
        stepper.Dispose();
        arrived.Dispose();
    }

    private void Run()
    {
        try
        {
            StepUntilStopped();
        }
        finally
        {
            idle.TrySetResult(); // whatever ended the loop, nothing is left to drain
        }
    }

    private void StepUntilStopped()
    {
        var joining = new List<Pending>();
        IReadOnlyList<GenerationStream> finished = [];
        while (!Volatile.Read(ref stopping))
        {
            if (batch.Count == 0 && waiting.IsEmpty)
            {
                if (Volatile.Read(ref draining)) idle.TrySetResult();
                arrived.Wait();
                arrived.Reset(); // a request queued after this is still found below; its Set wakes the next wait
                continue;
            }
            joining.Clear();
            while (batch.Count + joining.Count < MaxStreams && waiting.TryDequeue(out var next)) joining.Add(next);
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (!generator.TryRunLocked(() =>
                {
                    batch.Admit([.. joining.Select(p => p.Stream)]);
                    finished = batch.Step();
                }))
                {
                    foreach (var pending in joining) pending.Completion.TrySetException(new ObjectDisposedException(generator.ModelName, "The model was unloaded."));
                    Fail(new ObjectDisposedException(generator.ModelName, "The model was unloaded."));
                    return;
                }
            }
            catch (Exception error)
            {
                // The batch's state is not trustworthy after a failed step: fail what it held and start afresh.
                foreach (var pending in joining) pending.Completion.TrySetException(error);
                FailRunning(error);
                continue;
            }
            foreach (var pending in joining) running[pending.Stream] = pending;
            Report(joining, started, batch.Count + finished.Count);
            foreach (var stream in finished)
            {
                running.Remove(stream, out var done);
                ThreadPool.QueueUserWorkItem(Complete, done!, preferLocal: false);
            }
        }
    }

    /// <summary>Tells the observer; a failing observer must not stop the thread every request depends on.</summary>
    private void Report(List<Pending> joined, long stepStarted, int streams)
    {
        if (observer is null) return;
        try
        {
            foreach (var pending in joined) observer.Admitted(Stopwatch.GetElapsedTime(pending.EnqueuedAt, stepStarted));
            observer.Stepped(streams, Stopwatch.GetElapsedTime(stepStarted));
        }
        catch (Exception)
        {
            // Metrics are best effort.
        }
    }

    private void Complete(Pending pending)
    {
        try
        {
            pending.Completion.TrySetResult(generator.ToMidi(pending.Stream.Body, pending.Request));
        }
        catch (Exception error)
        {
            pending.Completion.TrySetException(error);
        }
    }

    private void FailRunning(Exception error)
    {
        foreach (var pending in running.Values) pending.Completion.TrySetException(error);
        running.Clear();
        batch.Reset();
    }

    private void Fail(Exception error)
    {
        FailRunning(error);
        while (waiting.TryDequeue(out var pending)) pending.Completion.TrySetException(error);
    }

    private sealed record Pending(MusicRequest Request, GenerationStream Stream, TaskCompletionSource<byte[]> Completion, long EnqueuedAt);
}
