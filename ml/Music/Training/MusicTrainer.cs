using System.Diagnostics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Data;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Tokens;
using TorchSharp;
using TorchSharp.Modules;

namespace CreativeGen.Ml.Music.Training;

/// <summary>Where the training and validation MIDI files are; the limits are for quick runs and tests.</summary>
public sealed record MusicData(string TrainFolder, string ValidationFolder, int? MaxTrainFiles = null, int? MaxValidationFiles = null);

/// <summary>How a run ended.</summary>
public sealed record TrainingResult(string StopReason, TrainingState State, string LastCheckpoint, string BestCheckpoint);

/// <summary>
/// Trains a <see cref="MusicLstm"/> with truncated backpropagation over windows cut from the (augmented)
/// token stream. After every epoch it writes runDir/last.ckpt (and best.ckpt on improvement) atomically,
/// with optimizer and RNG state, so <see cref="Resume"/> continues exactly where the run stopped.
/// Each epoch's data order and augmentation derive from (seed, epoch), dropout from the saved torch RNG.
/// </summary>
public sealed class MusicTrainer : IDisposable
{
    public const string LastFileName = "last.ckpt";
    public const string BestFileName = "best.ckpt";

    private readonly MusicTokenizer tokenizer;
    private readonly MusicLstm model;
    private readonly OptimizerHelper optimizer;
    private readonly ITokenSource trainPieces;
    private readonly List<TokenWindow> validationWindows;
    private readonly string runFolder;
    private readonly ITrainingObserver observer;
    private TrainingState state;

    private MusicTrainer(TrainingOptions options, MusicTokenizer tokenizer, MusicLstm model, OptimizerHelper optimizer,
        ITokenSource trainPieces, ITokenSource validationPieces, string runFolder, ITrainingObserver observer, TrainingState state)
    {
        Options = options;
        this.tokenizer = tokenizer;
        this.model = model;
        this.optimizer = optimizer;
        this.trainPieces = trainPieces;
        this.runFolder = runFolder;
        this.observer = observer;
        this.state = state;
        var validation = validationPieces.Stream(tokenizer, options, augment: null);
        validationWindows = validation.Cut(options.SequenceLength, random: null, options.WindowState);
        observer.Message($"train: {trainPieces.Count} pieces; validation: {validation.PieceCount} pieces, {validation.TokenCount:N0} tokens; vocabulary {tokenizer.Size} tokens; model {model.parameters().Sum(p => p.numel()):N0} parameters");
    }

    public TrainingOptions Options { get; private set; }

    public TrainingState State => state;

    public MusicTokenizer Tokenizer => tokenizer;

    public string LastCheckpoint => Path.Combine(runFolder, LastFileName);

    public string BestCheckpoint => Path.Combine(runFolder, BestFileName);

    /// <summary>A fresh run: builds the vocabulary from the training split and a model seeded by <see cref="TrainingOptions.Seed"/>.</summary>
    public static MusicTrainer Start(TrainingOptions options, MusicData data, string runFolder, ITrainingObserver? observer = null)
    {
        options.Validate();
        observer ??= SilentTrainingObserver.Instance;
        var (train, validation) = LoadData(data, observer, options.Tokenizer);
        var pieces = (train as MidiTokenSource)?.Pieces ?? [];
        var conditioning = options.Conditioned && options.Tokenizer != TokenizerKind.PopBars
            ? new ConditioningVocabulary(pieces.Select(p => p.Corpus), pieces.Where(p => p.Composer is not null).Select(p => p.Composer!))
            : null;
        MusicTokenizer tokenizer = options.Tokenizer switch
        {
            TokenizerKind.PerformanceEvents => new PerformanceEventTokenizer(options.Tracks, conditioning),
            TokenizerKind.PopBars => new PopBarTokenizer(),
            _ => NoteChordTokenizer.Build(pieces.Select(p => p.Piece), conditioning, options.MinSymbolCount, options.MaxSymbols),
        };
        torch.manual_seed(options.Seed);
        var model = TorchDevice.Place(new MusicLstm(new MusicModelConfig(tokenizer.Size, options.EmbeddingSize, options.HiddenSize, options.Layers, options.Dropout)));
        return new MusicTrainer(options, tokenizer, model, CreateOptimizer(options, model), train, validation, runFolder, observer, TrainingState.Initial);
    }

    /// <summary>Continues a run from its checkpoint. <paramref name="adjust"/> may change stopping rules (epochs, budget, patience, target) but not the model or data recipe.</summary>
    public static MusicTrainer Resume(string checkpoint, MusicData data, string runFolder, ITrainingObserver? observer = null, Func<TrainingOptions, TrainingOptions>? adjust = null)
    {
        observer ??= SilentTrainingObserver.Instance;
        var savedOptions = MusicCheckpoint.ReadHeader(checkpoint).Options;
        var (header, model, optimizer) = MusicCheckpoint.Load(checkpoint, m => CreateOptimizer(savedOptions, m));
        var options = (adjust?.Invoke(header.Options) ?? header.Options).Validate();
        if (optimizer is null) throw new InvalidDataException($"{checkpoint}: holds no optimizer state (an exported model); it cannot be resumed");
        var (train, validation) = LoadData(data, observer, options.Tokenizer);
        var trainer = new MusicTrainer(options, MusicTokenizer.FromSpec(header.Tokenizer), model, optimizer, train, validation, runFolder, observer, header.State);
        observer.Message($"resumed {checkpoint} after epoch {header.State.Epoch} (best validation loss {header.State.BestValidationLoss:F4})");
        return trainer;
    }

    public TrainingResult Run(CancellationToken cancellationToken = default)
    {
        if (state.TorchRngState.Length > 0) torch.random.set_rng_state(torch.tensor(Convert.FromBase64String(state.TorchRngState)));
        var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime.TotalSeconds;
        var cpuBefore = state.CpuSeconds;
        string? stop = null;
        while (stop is null)
        {
            if (state.Epoch >= Options.MaxEpochs) { stop = $"reached the maximum of {Options.MaxEpochs} epochs"; break; }
            if (Options.MaxCpuMinutes is { } budget && state.CpuSeconds >= budget * 60) { stop = $"used the CPU budget of {budget} minutes"; break; }
            var epoch = state.Epoch + 1;
            var wall = Stopwatch.StartNew();
            var trainLoss = TrainEpoch(epoch, out var tokensPerSecond, cancellationToken);
            if (cancellationToken.IsCancellationRequested) { stop = "interrupted (the unfinished epoch is not saved; resume repeats it)"; break; }
            var (nats, tokens) = SequenceLoss.Evaluate(model, validationWindows, Options.SequenceLength, Options.BatchSize);
            var validationLoss = tokens == 0 ? double.NaN : nats / tokens;
            process.Refresh();
            var cpu = cpuBefore + process.TotalProcessorTime.TotalSeconds - cpuAtStart;
            var improved = validationLoss < state.BestValidationLoss;
            var record = new EpochRecord(epoch, trainLoss, validationLoss, tokensPerSecond, cpu, wall.Elapsed.TotalSeconds);
            state = new TrainingState(epoch,
                improved ? validationLoss : state.BestValidationLoss,
                improved ? epoch : state.BestEpoch,
                improved ? 0 : state.EpochsWithoutImprovement + 1,
                cpu,
                Convert.ToBase64String(torch.random.get_rng_state().data<byte>().ToArray()),
                [.. state.History, record]);
            SaveCheckpoint(LastCheckpoint, withOptimizer: true);
            if (improved) SaveCheckpoint(BestCheckpoint, withOptimizer: true);
            observer.EpochDone(record, improved);
            if (Options.TargetValidationLoss is { } target && validationLoss <= target) stop = $"reached the target validation loss {target}";
            else if (state.EpochsWithoutImprovement >= Options.Patience) stop = $"validation loss did not improve for {Options.Patience} epochs";
        }
        return new TrainingResult(stop!, state, LastCheckpoint, BestCheckpoint);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
    }

    internal static OptimizerHelper CreateOptimizer(TrainingOptions options, MusicLstm model) => options.Optimizer switch
    {
        OptimizerKind.Adam => torch.optim.Adam(model.parameters(), lr: options.LearningRate),
        _ => torch.optim.RMSProp(model.parameters(), lr: options.LearningRate, alpha: 0.9),
    };

    private double TrainEpoch(int epoch, out double tokensPerSecond, CancellationToken cancellationToken)
    {
        var random = new Random((int)((Options.Seed * 1_000_003 + epoch * 7_919) & 0x7FFFFFFF));
        var stream = trainPieces.Stream(tokenizer, Options, random);
        var windows = stream.Cut(Options.SequenceLength, random, Options.WindowState);
        if (Options.WindowsPerEpoch is { } cap && windows.Count > cap) windows = windows.GetRange(0, cap);
        var batches = (windows.Count + Options.BatchSize - 1) / Options.BatchSize;
        observer.EpochStarted(epoch, batches);
        model.train();
        double lossSum = 0;
        long tokenSum = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < batches && !cancellationToken.IsCancellationRequested; b++)
        {
            using var scope = torch.NewDisposeScope();
            var batch = windows.GetRange(b * Options.BatchSize, Math.Min(Options.BatchSize, windows.Count - b * Options.BatchSize));
            var (inputs, targets, width, counted) = TokenWindows.Pack(batch, Options.SequenceLength);
            if (counted == 0) continue;
            optimizer.zero_grad();
            var loss = SequenceLoss.Sum(model, inputs, targets, batch.Count, width) / counted;
            loss.backward();
            if (Options.ClipNorm > 0) torch.nn.utils.clip_grad_norm_(model.parameters(), Options.ClipNorm);
            optimizer.step();
            var value = loss.item<float>();
            if (!float.IsFinite(value)) throw new InvalidOperationException($"training diverged at epoch {epoch}, batch {b + 1} (loss {value}); lower the learning rate");
            lossSum += value * counted;
            tokenSum += counted;
            observer.BatchDone(epoch, b + 1, batches, value, tokenSum / Math.Max(1e-9, clock.Elapsed.TotalSeconds));
        }
        tokensPerSecond = tokenSum / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        return tokenSum == 0 ? double.NaN : lossSum / tokenSum;
    }

    private void SaveCheckpoint(string path, bool withOptimizer)
    {
        var header = new CheckpointHeader(MusicCheckpoint.FormatVersion, Options, tokenizer.ToSpec(), model.Config, state);
        MusicCheckpoint.Save(path, header, model, withOptimizer ? optimizer : null);
    }

    private static (ITokenSource Train, ITokenSource Validation) LoadData(MusicData data, ITrainingObserver observer, TokenizerKind kind)
    {
        if (kind == TokenizerKind.PopBars)
        {
            var songs = PopCorpus.Load(data.TrainFolder, data.MaxTrainFiles, observer.Message);
            var validationSongs = PopCorpus.Load(data.ValidationFolder, data.MaxValidationFiles, observer.Message);
            if (songs.Songs.Count == 0) throw new ArgumentException($"no usable POP909 song folders in {data.TrainFolder}");
            if (validationSongs.Songs.Count == 0) throw new ArgumentException($"no usable POP909 song folders in {data.ValidationFolder}");
            return (new PopTokenSource(songs.Songs), new PopTokenSource(validationSongs.Songs));
        }
        var train = MidiCorpus.Load(data.TrainFolder, data.MaxTrainFiles, observer.Message);
        var validation = MidiCorpus.Load(data.ValidationFolder, data.MaxValidationFiles, observer.Message);
        if (train.Pieces.Count == 0) throw new ArgumentException($"no usable MIDI files in {data.TrainFolder}");
        if (validation.Pieces.Count == 0) throw new ArgumentException($"no usable MIDI files in {data.ValidationFolder}");
        return (new MidiTokenSource(train.Pieces), new MidiTokenSource(validation.Pieces));
    }
}
