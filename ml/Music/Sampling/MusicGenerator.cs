using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;
using TorchSharp;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// Writes MIDI from a trained model. All requests of a call run as one batch: every step feeds one token per
/// stream through the <see cref="LstmStepper"/> and draws the next token of every stream at once with the
/// <see cref="BatchTokenSampler"/>. Each stream draws one uniform number per sampled token from its own
/// <see cref="StreamRandom"/> seeded by its request, and neither the stepper nor the sampler lets a row depend
/// on the others, so a result depends only on (checkpoint, request, primer), not on the batch around it.
/// </summary>
public sealed class MusicGenerator : IMusicGenerator
{
    public const double MaxLengthSeconds = 600;
    public const double MaxNoteSeconds = 5;
    private readonly MusicLstm model;
    private readonly LstmStepper stepper;
    private readonly Lock gate = new();
    private readonly bool grammar; // the tokenizer forbids some tokens in some states
    private bool disposed;         // guarded by gate

    public MusicGenerator(MusicLstm model, CheckpointHeader header, string modelName, string modelVersion)
    {
        this.model = model;
        model.eval();
        Header = header;
        Tokenizer = MusicTokenizer.FromSpec(header.Tokenizer);
        stepper = new LstmStepper(model);
        grammar = Tokenizer.InitialBlocked().Any(b => b);
        ModelName = modelName;
        ModelVersion = modelVersion;
        Composers = Tokenizer.Conditioning?.Composers ?? [];
    }

    /// <summary>
    /// Bump whenever the same weights, request and seed would give other tokens (sampler, stepper, grammar). Revision
    /// 2: the batch-wide torch sampler; recipes of revision 1 carried the bare checkpoint hash.
    /// </summary>
    public const string SamplingRevision = "s2";

    /// <summary>The version id of a checkpoint with this sampler: "&lt;checkpoint hash&gt;.&lt;sampling revision&gt;".</summary>
    public static string VersionOf(string checkpointHash) => $"{checkpointHash}.{SamplingRevision}";

    public string ModelName { get; }

    public string ModelVersion { get; }

    public IReadOnlyList<string> Composers { get; }

    public CheckpointHeader Header { get; }

    public MusicTokenizer Tokenizer { get; }

    public IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken = default) =>
        GenerateMidi(requests, primers: null, cancellationToken);

    /// <summary>As <see cref="GenerateMidi(IReadOnlyList{MusicRequest}, CancellationToken)"/>, each request optionally continuing a primer piece (the output starts with the primer).</summary>
    public IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, IReadOnlyList<MidiPiece?>? primers, CancellationToken cancellationToken = default)
    {
        var tokens = GenerateTokens(requests, primers, cancellationToken);
        return [.. requests.Select((request, i) => ToMidi(tokens[i], request))];
    }

    /// <summary>Where the time of the last <see cref="GenerateTokens"/> call went (for `music speed`).</summary>
    public GenerationTimings LastTimings { get; private set; } = new(0, 0, 0, 0, 0);

    /// <summary>
    /// The body tokens of each stream (primer included, prefix excluded). Finished streams leave the batch,
    /// so the steps that remain cost only what the unfinished streams need.
    /// </summary>
    public IReadOnlyList<int[]> GenerateTokens(IReadOnlyList<MusicRequest> requests, IReadOnlyList<MidiPiece?>? primers = null, CancellationToken cancellationToken = default)
    {
        if (requests.Count == 0) return [];
        if (primers is not null && primers.Count != requests.Count) throw new ArgumentException("one primer (or null) per request");
        var streams = requests.Select((request, i) => Prepare(request, primers?[i])).ToArray();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan network = TimeSpan.Zero, sampling = TimeSpan.Zero;
            var steps = 0;
            var allowed = Tokenizer.BaseSize;
            var active = streams; // row r of the batch is active[r]
            stepper.Reset(active.Length);
            using var sampler = new BatchTokenSampler([.. active.Select(s => s.Sampling)], allowed);
            var inputs = active.Select(s => (long)s.Forced.Dequeue()).ToArray();
            while (active.Length > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                var started = clock.Elapsed;
                var logits = stepper.Step(inputs); // (B, V)
                var stepped = clock.Elapsed;
                network += stepped - started;
                var drawn = Draw(active, logits, sampler, allowed);
                sampling += clock.Elapsed - stepped;
                steps++;
                for (var r = 0; r < active.Length; r++)
                {
                    var stream = active[r];
                    if (stream.Forced.Count > 0)
                    {
                        inputs[r] = stream.Forced.Dequeue();
                        continue;
                    }
                    var token = (int)drawn![r];
                    Tokenizer.UpdateBlocked(stream.Blocked, token);
                    stream.Accept(token, Tokenizer.SecondsOf(token, stream.Bpm));
                    inputs[r] = token;
                }
                if (!active.Any(s => s.Done)) continue;
                var keep = Enumerable.Range(0, active.Length).Where(r => !active[r].Done).Select(r => (long)r).ToArray();
                active = [.. keep.Select(r => active[r])];
                inputs = [.. keep.Select(r => inputs[r])];
                if (keep.Length == 0) break;
                stepper.KeepRows(keep);
                sampler.KeepRows(keep);
            }
            LastTimings = new GenerationTimings(clock.Elapsed.TotalSeconds, network.TotalSeconds, sampling.TotalSeconds, steps, streams.Sum(s => s.Body.Count));
        }
        return [.. streams.Select(s => s.Body.ToArray())];
    }

    /// <summary>One token per row from the step's logits, or null while every row still feeds forced tokens.</summary>
    private long[]? Draw(GenerationStream[] active, torch.Tensor logits, BatchTokenSampler sampler, int allowed)
    {
        var uniforms = new double[active.Length];
        var blocked = grammar ? new bool[active.Length * allowed] : null;
        var any = false;
        for (var r = 0; r < active.Length; r++)
        {
            var stream = active[r];
            if (stream.Forced.Count > 0) continue; // draws nothing: its random source stays where it is
            uniforms[r] = stream.Random.NextDouble();
            any = true;
            if (blocked is not null) Array.Copy(stream.Blocked, 0, blocked, r * allowed, allowed);
        }
        return any ? sampler.Sample(logits, blocked, uniforms) : null;
    }

    /// <summary>
    /// The notes of generated tokens. A note the model never released ends after <see cref="MaxNoteSeconds"/>
    /// (a piano tone has died away by then; without this an unreleased note would last to the end).
    /// </summary>
    public IReadOnlyList<MidiNote> DecodeNotes(IReadOnlyList<int> body, double? tempoBpm = null) =>
        [.. Tokenizer.Decode(body, tempoBpm ?? 120)
            .Select(n => n.DurationSeconds <= MaxNoteSeconds ? n : n with { EndSeconds = n.StartSeconds + MaxNoteSeconds })];

    /// <summary>Decodes body tokens to a MIDI file (two tracks, melody and chords, for two-track models).</summary>
    public byte[] ToMidi(IReadOnlyList<int> body, MusicRequest request)
    {
        var bpm = request.TempoBpm ?? 120;
        var notes = DecodeNotes(body, bpm);
        var names = Tokenizer.TrackCount == 2 ? new[] { "Melody", "Chords" } : [.. Enumerable.Range(1, Tokenizer.TrackCount).Select(i => i == 1 ? "Piano" : $"Piano {i}")];
        var tracks = Enumerable.Range(0, Tokenizer.TrackCount)
            .Select(t => new MidiTrackSpec(names[t], 0, [.. notes.Where(n => n.Track == t)]))
            .ToList();
        return MidiWriter.Write(tracks, bpm);
    }

    /// <summary>Model steps per second alone (no sampling) for a batch size: what the network costs, logits copied out.</summary>
    public double MeasureStepsPerSecond(int batchSize, int steps)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            stepper.Reset(batchSize);
            var inputs = new long[batchSize];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                _ = stepper.Step(inputs).data<float>().ToArray();
            }
            return steps / clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>
    /// Frees the native tensors once no generation runs (it waits for a running one: freeing them under a step
    /// crashed the process with SIGSEGV when a host shut down during a request). Later calls throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            stepper.Dispose();
            model.Dispose();
        }
    }

    private GenerationStream Prepare(MusicRequest request, MidiPiece? primer)
    {
        if (!(request.LengthSeconds is > 0 and <= MaxLengthSeconds))
            throw new ArgumentException($"length must be in (0, {MaxLengthSeconds}] seconds (got {request.LengthSeconds})");
        if (request.TempoBpm is { } tempo && !(tempo is >= 20 and <= 400))
            throw new ArgumentException($"tempo must be 20..400 bpm (got {tempo})");
        var sampling = new SamplingSettings(request.Temperature, request.TopK, request.TopP);
        var random = new StreamRandom(request.Seed);
        var composer = request.Composer;
        if (composer is not null)
        {
            composer = Tokenizer.Conditioning?.FindComposer(composer)
                ?? throw new ArgumentException($"unknown composer '{request.Composer}'; this model knows: {(Composers.Count == 0 ? "none (not composer-conditioned)" : string.Join(", ", Composers))}");
        }
        else if (Composers.Count > 0)
        {
            composer = Composers[random.Next(Composers.Count)];
        }
        var corpus = Tokenizer.Conditioning?.Corpora.FirstOrDefault();
        var prefix = Tokenizer.Prefix(new MusicConditioning(corpus, composer, request.TempoBpm));
        var primerTokens = primer is null ? [] : Tokenizer.Encode(Header.Options.ApplySustain ? SustainPedal.Apply(primer) : primer);
        var bpm = request.TempoBpm ?? 120;
        var primerSeconds = primerTokens.Sum(t => Tokenizer.SecondsOf(t, bpm));
        var blocked = Tokenizer.InitialBlocked();
        foreach (var token in primerTokens) Tokenizer.UpdateBlocked(blocked, token);
        var densest = Tokenizer.Kind == TokenizerKind.PerformanceEvents ? 200 : 60;
        return new GenerationStream([.. prefix, .. primerTokens], primerTokens, sampling, random, bpm,
            primerSeconds, primerSeconds + request.LengthSeconds, primerTokens.Length + (int)Math.Ceiling(request.LengthSeconds * densest) + 16, blocked);
    }
}
