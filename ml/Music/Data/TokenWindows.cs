using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Music.Data;

/// <summary>One training example: a piece's conditioning prefix and a slice of its body tokens.</summary>
public sealed record TokenWindow(int[] Prefix, int[] Body, int Start, int Length);

/// <summary>
/// The token stream of a set of pieces and the windows cut from it for truncated backpropagation: each
/// window is the piece's conditioning prefix followed by up to L body tokens, so every window knows its
/// composer and tempo. Reports what it dropped.
/// </summary>
public sealed class TokenWindows
{
    private readonly List<(int[] Prefix, int[] Body)> sequences = [];

    public TokenWindows(MusicTokenizer tokenizer, IEnumerable<CorpusPiece> pieces, bool applySustain, Random? augment = null, int transpose = 0, double stretch = 0)
    {
        foreach (var piece in pieces)
        {
            var music = applySustain ? SustainPedal.Apply(piece.Piece) : piece.Piece;
            var factor = 1.0;
            if (augment is not null)
            {
                var semitones = transpose == 0 ? 0 : augment.Next(-transpose, transpose + 1);
                factor = stretch == 0 ? 1 : 1 + (augment.NextDouble() * 2 - 1) * stretch;
                music = PieceAugmentation.Apply(music, semitones, factor);
            }
            if (music.Notes.Count == 0) { DroppedEmpty++; continue; }
            var body = tokenizer.Encode(music);
            var conditioning = new MusicConditioning(piece.Corpus, piece.Composer, PieceAugmentation.AverageBpm(piece.Piece) / factor);
            sequences.Add((tokenizer.Prefix(conditioning), body));
            TokenCount += body.Length;
            Seconds += music.Notes.Max(n => n.EndSeconds);
        }
    }

    public int PieceCount => sequences.Count;

    public long TokenCount { get; }

    /// <summary>Seconds of music covered (sum of piece lengths).</summary>
    public double Seconds { get; }

    public int DroppedEmpty { get; }

    /// <summary>Windows of <paramref name="length"/> body tokens: from a random offset per piece when <paramref name="random"/> is given, else from 0 with the tail kept.</summary>
    public List<TokenWindow> Cut(int length, Random? random)
    {
        var windows = new List<TokenWindow>();
        foreach (var (prefix, body) in sequences)
        {
            var start = random is null || body.Length <= length ? 0 : random.Next(0, Math.Min(length, body.Length - length));
            for (; start < body.Length; start += length)
            {
                var take = Math.Min(length, body.Length - start);
                if (random is not null && take < length / 4 && start > 0) break; // short random tail: skip
                windows.Add(new TokenWindow(prefix, body, start, take));
            }
        }
        if (random is not null)
        {
            for (var i = windows.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (windows[i], windows[j]) = (windows[j], windows[i]);
            }
        }
        return windows;
    }

    /// <summary>
    /// Packs windows into (inputs, targets) arrays of shape (B, P + L): input = prefix + body slice,
    /// target = the next token, -100 (ignored) where the target is part of the prefix or padding.
    /// </summary>
    public static (long[] Inputs, long[] Targets, int Width, int Counted) Pack(IReadOnlyList<TokenWindow> batch, int length)
    {
        var prefixLength = batch[0].Prefix.Length;
        var width = prefixLength + length;
        var inputs = new long[batch.Count * width];
        var targets = new long[batch.Count * width];
        Array.Fill(targets, -100);
        var counted = 0;
        for (var b = 0; b < batch.Count; b++)
        {
            var w = batch[b];
            var row = b * width;
            for (var i = 0; i < prefixLength; i++) inputs[row + i] = w.Prefix[i];
            for (var i = 0; i < w.Length; i++)
            {
                inputs[row + prefixLength + i] = w.Body[w.Start + i];
                targets[row + prefixLength - 1 + i] = w.Body[w.Start + i];
                counted++;
            }
        }
        return (inputs, targets, width, counted);
    }
}
