using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Pop;
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
public sealed class MusicGenerator : IContinuousMusicGenerator
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
    /// 2: the batch-wide torch sampler; recipes of revision 1 carried the bare checkpoint hash. Revision 3: the
    /// stepper's own row-exact kernels instead of libtorch's products (same bytes alone or batched on every CPU).
    /// </summary>
    public const string SamplingRevision = "s3";

    /// <summary>Where served sampling computes: the stepper's C# kernels on the CPU, whatever device training uses (TorchDevice).</summary>
    public const string SamplingDevice = "cpu (row-exact C# sampler)";

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
            using var batch = new GenerationBatch(stepper, Tokenizer, grammar);
            batch.Admit(streams);
            while (batch.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch.Step();
            }
            LastTimings = new GenerationTimings(clock.Elapsed.TotalSeconds, batch.NetworkTime.TotalSeconds, batch.SamplingTime.TotalSeconds, batch.Steps,
                streams.Sum(s => s.Body.Count));
        }
        return [.. streams.Select(s => s.Body.ToArray())];
    }

    /// <summary>
    /// Starts a generator that runs requests as they come (continuous batching): a request joins the running batch
    /// at the next step instead of waiting for the batch to finish, and leaves it when done. Same bytes per request
    /// as <see cref="GenerateMidi(IReadOnlyList{MusicRequest}, CancellationToken)"/>. Dispose it before this generator.
    /// </summary>
    public ContinuousMusicGenerator StartContinuous(int maxStreams, IContinuousBatchObserver? observer = null)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return new ContinuousMusicGenerator(this, new LstmStepper(model), maxStreams, observer);
        }
    }

    /// <summary>Runs <paramref name="work"/> under the lock that guards the model, or returns false once the generator is disposed.</summary>
    internal bool TryRunLocked(Action work)
    {
        lock (gate)
        {
            if (disposed) return false;
            work();
            return true;
        }
    }

    internal bool UsesGrammar => grammar;

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
        var bpm = request.TempoBpm ?? (Tokenizer is PopBarTokenizer ? PopRequests.DefaultBpm : 120);
        var notes = DecodeNotes(body, bpm);
        var names = Tokenizer.TrackCount switch
        {
            2 => new[] { "Melody", "Chords" },
            3 when Tokenizer is PopBarTokenizer => ["Melody", "Bridge", "Accompaniment"],
            _ => [.. Enumerable.Range(1, Tokenizer.TrackCount).Select(i => i == 1 ? "Piano" : $"Piano {i}")],
        };
        var programs = PopRequests.Programs(request.Instruments, Tokenizer);
        var tracks = Enumerable.Range(0, Tokenizer.TrackCount)
            .Select(t => new MidiTrackSpec(names[t], programs[t], [.. notes.Where(n => n.Track == t)]))
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

    internal GenerationStream Prepare(MusicRequest request, MidiPiece? primer)
    {
        if (!(request.LengthSeconds is > 0 and <= MaxLengthSeconds))
            throw new ArgumentException($"length must be in (0, {MaxLengthSeconds}] seconds (got {request.LengthSeconds})");
        if (request.TempoBpm is { } tempo && !(tempo is >= 20 and <= 400))
            throw new ArgumentException($"tempo must be 20..400 bpm (got {tempo})");
        var sampling = new SamplingSettings(request.Temperature, request.TopK, request.TopP);
        var random = new StreamRandom(request.Seed);
        PopRequests.Programs(request.Instruments, Tokenizer); // rejects unknown instruments before any work
        if (Tokenizer is PopBarTokenizer)
        {
            if (primer is not null) throw new ArgumentException("pop models take no primer (their tokens need a song's beats and chords)");
            return PopRequests.Prepare(request, sampling, random);
        }
        if (request.Key is not null || request.Chords is not null)
            throw new ArgumentException($"model {ModelName} is not key- or chord-conditioned; key and chords need a pop model (style pop)");
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
        if (primer is not null) PrimerLimits.CheckPiece(primer);
        var primerTokens = primer is null ? [] : Tokenizer.Encode(Header.Options.ApplySustain ? SustainPedal.Apply(primer) : primer);
        if (primer is not null) PrimerLimits.CheckTokens(primer, primerTokens.Length);
        var bpm = request.TempoBpm ?? 120;
        var primerSeconds = primerTokens.Sum(t => Tokenizer.SecondsOf(t, bpm));
        var blocked = Tokenizer.InitialBlocked();
        foreach (var token in primerTokens) Tokenizer.UpdateBlocked(blocked, token);
        var densest = Tokenizer.Kind == TokenizerKind.PerformanceEvents ? 200 : 60;
        return new GenerationStream([.. prefix, .. primerTokens], primerTokens, sampling, random, bpm,
            primerSeconds, primerSeconds + request.LengthSeconds, primerTokens.Length + (int)Math.Ceiling(request.LengthSeconds * densest) + 16, blocked);
    }
}
