using System.Diagnostics;
using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Pronunciation;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Lyrics.Model;

/// <summary>Hyper-parameters of lyric training; the constructor-free record is checked by <see cref="Validate"/>.</summary>
public sealed record LyricTrainingOptions(
    int MaxWords = 5000,
    int MinCount = 3,
    int EmbeddingSize = 96,
    int HiddenSize = 256,
    double Dropout = 0.2,
    int SequenceLength = 64,
    int BatchSize = 32,
    double LearningRate = 3e-3,
    double Clip = 1.0,
    int MaxEpochs = 20,
    double MaxMinutes = 35,
    long Seed = 1)
{
    public LyricTrainingOptions Validate()
    {
        if (MaxWords < 100) throw new ArgumentOutOfRangeException(nameof(MaxWords), MaxWords, "at least 100 words");
        if (SequenceLength < 2 || BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(SequenceLength), "sequence length ≥ 2 and batch ≥ 1");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be positive");
        if (MaxEpochs < 1 || !(MaxMinutes > 0)) throw new ArgumentOutOfRangeException(nameof(MaxEpochs), "need at least one epoch and some minutes");
        return this;
    }
}

/// <summary>
/// Trains the reversed-line word LSTM on the poem corpus: the training stanzas (in an order shuffled per epoch by a
/// seeded RNG) are concatenated and cut into fixed windows; validation loss is measured on the validation poets after
/// every epoch, and the model is saved as last.lyr and, when validation improves, best.lyr in the run folder.
/// </summary>
public static class LyricTrainer
{
    public static string Train(LyricTrainingOptions options, IReadOnlyList<Stanza> train, IReadOnlyList<Stanza> validation,
        Lexicon lexicon, string pronunciationNotice, string runFolder, Action<string> log)
    {
        options.Validate();
        Directory.CreateDirectory(runFolder);
        var vocabulary = LyricVocabulary.Build(train, lexicon, options.MaxWords, options.MinCount);
        log($"vocabulary: {vocabulary.Size} words (min count {options.MinCount}, in CMUdict)");
        var pronunciations = vocabulary.Words.Skip(LyricVocabulary.Markers.Length)
            .ToDictionary(w => w, w => lexicon.All(w).Select(p => p.ToString()).ToArray(), StringComparer.Ordinal);
        var validationStream = Concatenate(validation.Select(s => vocabulary.EncodeStanza(s.Lines)));
        torch.manual_seed(options.Seed);
        var config = new MusicModelConfig(vocabulary.Size, options.EmbeddingSize, options.HiddenSize, 1, options.Dropout);
        using var model = new MusicLstm(config);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        var random = new StreamRandom(options.Seed);
        var history = new List<LyricEpoch>();
        var best = double.PositiveInfinity;
        var clock = Stopwatch.StartNew();
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var bestPath = Path.Combine(runFolder, "best.lyr");
        for (var epoch = 1; epoch <= options.MaxEpochs && clock.Elapsed.TotalMinutes < options.MaxMinutes; epoch++)
        {
            var order = train.Select((s, i) => (Key: random.NextDouble(), Index: i)).OrderBy(p => p.Key).Select(p => train[p.Index]);
            var stream = Concatenate(order.Select(s => vocabulary.EncodeStanza(s.Lines)));
            model.train();
            var (lossSum, batches) = (0.0, 0);
            foreach (var batch in Windows(stream, options.SequenceLength, options.BatchSize))
            {
                using var scope = torch.NewDisposeScope();
                var (input, target) = ToTensors(batch);
                var logits = model.forward(input);
                var loss = nn.functional.cross_entropy(logits.reshape(-1, vocabulary.Size), target.reshape(-1));
                optimizer.zero_grad();
                loss.backward();
                if (options.Clip > 0) nn.utils.clip_grad_norm_(model.parameters(), options.Clip);
                optimizer.step();
                lossSum += loss.item<float>();
                if (++batches % 200 == 0) log($"epoch {epoch} batch {batches}: train loss {lossSum / batches:F3} ({clock.Elapsed.TotalMinutes:F1} min)");
                if (clock.Elapsed.TotalMinutes >= options.MaxMinutes) break;
            }
            var validationLoss = Evaluate(model, validationStream, options.SequenceLength, options.BatchSize);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
            history.Add(new LyricEpoch(epoch, lossSum / Math.Max(1, batches), validationLoss, cpu));
            log($"epoch {epoch}: train {lossSum / Math.Max(1, batches):F3}, validation {validationLoss:F3} nats/word (perplexity {Math.Exp(validationLoss):F1}), {clock.Elapsed.TotalMinutes:F1} min");
            var header = new LyricModelHeader(LyricModelFile.FormatVersion, vocabulary.Words, pronunciations, config, [.. history], pronunciationNotice);
            model.eval();
            LyricModelFile.Save(Path.Combine(runFolder, "last.lyr"), header, model);
            if (validationLoss < best)
            {
                best = validationLoss;
                LyricModelFile.Save(bestPath, header, model);
            }
        }
        return bestPath;
    }

    /// <summary>Mean cross-entropy (nats per predicted token) over the stream, in eval mode and without gradients.</summary>
    public static double Evaluate(MusicLstm model, long[] stream, int sequenceLength, int batchSize)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        var (sum, count) = (0.0, 0L);
        foreach (var batch in Windows(stream, sequenceLength, batchSize))
        {
            using var scope = torch.NewDisposeScope();
            var (input, target) = ToTensors(batch);
            var logits = model.forward(input);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), target.reshape(-1), reduction: nn.Reduction.Sum);
            sum += loss.item<float>();
            count += target.numel();
        }
        return sum / Math.Max(1, count);
    }

    private static long[] Concatenate(IEnumerable<long[]> parts) => parts.SelectMany(p => p).ToArray();

    private static (Tensor Input, Tensor Target) ToTensors((long[] Input, long[] Target, int Rows, int Length) batch) =>
        (torch.tensor(batch.Input, [batch.Rows, batch.Length]), torch.tensor(batch.Target, [batch.Rows, batch.Length]));

    private static IEnumerable<(long[] Input, long[] Target, int Rows, int Length)> Windows(long[] stream, int length, int batchSize)
    {
        var windows = (stream.Length - 1) / length;
        for (var first = 0; first < windows; first += batchSize)
        {
            var rows = Math.Min(batchSize, windows - first);
            var input = new long[rows * length];
            var target = new long[rows * length];
            for (var r = 0; r < rows; r++)
            {
                Array.Copy(stream, (first + r) * length, input, r * length, length);
                Array.Copy(stream, (first + r) * length + 1, target, r * length, length);
            }
            yield return (input, target, rows, length);
        }
    }
}
