using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Tokens;
using TorchSharp;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// The streams stepping together through one <see cref="LstmStepper"/>: each step feeds one token per stream
/// and draws the next token of every stream at once with a <see cref="BatchTokenSampler"/>. Streams may join
/// between steps (they start from zero state after the others) and leave when they finish; since no row depends
/// on the others, a stream writes the same tokens whenever it joins and whoever shares its steps.
/// Not thread-safe: the owner serializes calls and owns the stepper for the batch's lifetime.
/// </summary>
internal sealed class GenerationBatch(LstmStepper stepper, MusicTokenizer tokenizer, bool grammar) : IDisposable
{
    private readonly int allowed = tokenizer.BaseSize;
    private readonly List<GenerationStream> active = []; // row r of the batch is active[r]
    private readonly List<long> inputs = [];
    private readonly System.Diagnostics.Stopwatch clock = new();
    private BatchTokenSampler? sampler;

    public int Count => active.Count;

    public TimeSpan NetworkTime { get; private set; }

    public TimeSpan SamplingTime { get; private set; }

    public int Steps { get; private set; }

    /// <summary>Adds streams after the current ones; they start stepping with the next <see cref="Step"/>.</summary>
    public void Admit(IReadOnlyList<GenerationStream> streams)
    {
        if (streams.Count == 0) return;
        if (active.Count == 0)
        {
            stepper.Reset(streams.Count);
            sampler?.Dispose();
            sampler = new BatchTokenSampler([.. streams.Select(s => s.Sampling)], allowed);
        }
        else
        {
            stepper.AddRows(streams.Count);
            sampler!.AddRows([.. streams.Select(s => s.Sampling)]);
        }
        foreach (var stream in streams)
        {
            active.Add(stream);
            inputs.Add(stream.Forced.Dequeue());
        }
    }

    /// <summary>Runs one step for every stream; returns the streams that finished with it (they leave the batch).</summary>
    public IReadOnlyList<GenerationStream> Step()
    {
        if (active.Count == 0) return [];
        using var scope = torch.NewDisposeScope();
        clock.Start();
        var started = clock.Elapsed;
        var logits = stepper.Step([.. inputs]); // (B, V)
        var stepped = clock.Elapsed;
        NetworkTime += stepped - started;
        var drawn = Draw(logits);
        SamplingTime += clock.Elapsed - stepped;
        clock.Stop();
        Steps++;
        for (var r = 0; r < active.Count; r++)
        {
            var stream = active[r];
            if (stream.Forced.Count > 0)
            {
                inputs[r] = stream.Forced.Dequeue();
                continue;
            }
            var token = (int)drawn![r];
            if (stream.Grammar is { } own) own.Update(stream.Blocked, token);
            else tokenizer.UpdateBlocked(stream.Blocked, token);
            stream.Accept(token, tokenizer.SecondsOf(token, stream.Bpm));
            inputs[r] = token;
        }
        if (!active.Any(s => s.Done)) return [];
        var finished = active.Where(s => s.Done).ToList();
        var keep = Enumerable.Range(0, active.Count).Where(r => !active[r].Done).Select(r => (long)r).ToArray();
        if (keep.Length > 0)
        {
            stepper.KeepRows(keep);
            sampler!.KeepRows(keep);
        }
        var keptInputs = keep.Select(r => inputs[(int)r]).ToList();
        active.RemoveAll(s => s.Done);
        inputs.Clear();
        inputs.AddRange(keptInputs);
        return finished;
    }

    /// <summary>Drops every stream (after a failed step); the next <see cref="Admit"/> starts a fresh batch.</summary>
    public void Reset()
    {
        active.Clear();
        inputs.Clear();
    }

    public void Dispose() => sampler?.Dispose();

    /// <summary>One token per row from the step's logits, or null while every row still feeds forced tokens.</summary>
    private long[]? Draw(torch.Tensor logits)
    {
        var uniforms = new double[active.Count];
        var blocked = grammar ? new bool[active.Count * allowed] : null;
        var any = false;
        for (var r = 0; r < active.Count; r++)
        {
            var stream = active[r];
            if (stream.Forced.Count > 0) continue; // draws nothing: its random source stays where it is
            uniforms[r] = stream.Random.NextDouble();
            any = true;
            if (blocked is not null) Array.Copy(stream.Blocked, 0, blocked, r * allowed, allowed);
        }
        return any ? sampler!.Sample(logits, blocked, uniforms) : null;
    }
}
