using CreativeGen.Ml.Music.Data;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>Negative log-likelihood of a folder of MIDI files under a model, per token and per second of music.</summary>
public sealed record LikelihoodReport(int Pieces, long Tokens, double Seconds, double BitsPerToken, double BitsPerSecond, int Rejected);

/// <summary>
/// Scores every file of a folder: each piece is cut into windows of the model's training length, each window
/// opened by the piece's conditioning prefix and, where the model was trained so, the notes held where the window
/// starts (the context the model was trained with), and the cross-entropy
/// of every body token is summed. Bits per second divides the total by the seconds of music, which makes
/// models with different tokenizations comparable.
/// </summary>
public static class LikelihoodEvaluator
{
    /// <param name="windowState">Overrides the model's <see cref="TrainingOptions.WindowState"/> (to compare models trained either way).</param>
    /// <param name="log">Receives each file that was skipped, by name, and the count (<see cref="MidiCorpus.Report"/>).</param>
    public static LikelihoodReport Evaluate(MusicLstm model, CheckpointHeader header, string folder, int? maxFiles = null, int batchSize = 32,
        bool? windowState = null, Action<string>? log = null)
    {
        var corpus = MidiCorpus.Load(folder, maxFiles, log);
        if (corpus.Pieces.Count == 0) throw new ArgumentException($"no usable MIDI files in {folder}");
        var tokenizer = MusicTokenizer.FromSpec(header.Tokenizer);
        var stream = new TokenWindows(tokenizer, corpus.Pieces, header.Options.ApplySustain);
        var windows = stream.Cut(header.Options.SequenceLength, random: null, windowState ?? header.Options.WindowState);
        var (nats, tokens) = SequenceLoss.Evaluate(model, windows, header.Options.SequenceLength, batchSize);
        var bits = nats / Math.Log(2);
        return new LikelihoodReport(stream.PieceCount, tokens, stream.Seconds, bits / tokens, bits / stream.Seconds, corpus.Rejected.Count);
    }
}
