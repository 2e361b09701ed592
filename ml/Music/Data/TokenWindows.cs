using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Music.Data;

/// <summary>
/// One training example: a piece's conditioning prefix, the state the body left open at <see cref="Start"/>
/// (e.g. held notes; empty at the piece's start), and a slice of the body tokens.
/// </summary>
public sealed record TokenWindow(int[] Prefix, int[] State, int[] Body, int Start, int Length)
{
    /// <summary>Tokens the model reads before the first predicted one.</summary>
    public int ContextLength => Prefix.Length + State.Length;
}

/// <summary>
/// The token stream of a set of pieces and the windows cut from it for truncated backpropagation: each
/// window is the piece's conditioning prefix, then (optionally) the tokens that restore what the body left open
/// where the window starts, then up to L body tokens, so every window knows its composer and tempo and which notes
/// sound. Reports what it dropped.
/// </summary>
public sealed class TokenWindows
{
    private readonly List<(int[] Prefix, int[] Body)> sequences = [];
    private readonly MusicTokenizer tokenizer;

    public TokenWindows(MusicTokenizer tokenizer, IEnumerable<CorpusPiece> pieces, bool applySustain, Random? augment = null, int transpose = 0, double stretch = 0)
    {
        this.tokenizer = tokenizer;
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

    private TokenWindows(MusicTokenizer tokenizer, IEnumerable<(int[] Prefix, int[] Body, double Seconds)> encoded)
    {
        this.tokenizer = tokenizer;
        foreach (var (prefix, body, seconds) in encoded)
        {
            if (body.Length == 0) { DroppedEmpty++; continue; }
            sequences.Add((prefix, body));
            TokenCount += body.Length;
            Seconds += seconds;
        }
    }

    /// <summary>A stream of already encoded pieces (prefix, body, seconds), e.g. annotated songs that tokenize themselves.</summary>
    public static TokenWindows FromSequences(MusicTokenizer tokenizer, IEnumerable<(int[] Prefix, int[] Body, double Seconds)> encoded) => new(tokenizer, encoded);

    public int PieceCount => sequences.Count;

    public long TokenCount { get; }

    /// <summary>Seconds of music covered (sum of piece lengths).</summary>
    public double Seconds { get; }

    public int DroppedEmpty { get; }

    /// <summary>
    /// Windows of <paramref name="length"/> body tokens: from a random offset per piece when <paramref name="random"/>
    /// is given, else from 0 with the tail kept. <paramref name="withState"/> opens each window with the state the
    /// body left open at its start (see <see cref="MusicTokenizer.StatesAt"/>).
    /// </summary>
    public List<TokenWindow> Cut(int length, Random? random, bool withState = true)
    {
        var windows = new List<TokenWindow>();
        foreach (var (prefix, body) in sequences)
        {
            var starts = new List<int>();
            var start = random is null || body.Length <= length ? 0 : random.Next(0, Math.Min(length, body.Length - length));
            for (; start < body.Length; start += length)
            {
                if (random is not null && body.Length - start < length / 4 && start > 0) break; // short random tail: skip
                starts.Add(start);
            }
            var states = withState ? tokenizer.StatesAt(body, starts) : null;
            for (var i = 0; i < starts.Count; i++)
                windows.Add(new TokenWindow(prefix, states?[i] ?? [], body, starts[i], Math.Min(length, body.Length - starts[i])));
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
    /// Packs windows into (inputs, targets) arrays of shape (B, C + L), C the longest context of the batch:
    /// input = prefix + state + body slice, right-padded; target = the next token, -100 (ignored) where the target
    /// is part of the context or padding.
    /// </summary>
    public static (long[] Inputs, long[] Targets, int Width, int Counted) Pack(IReadOnlyList<TokenWindow> batch, int length)
    {
        var width = batch.Max(w => w.ContextLength) + length;
        var inputs = new long[batch.Count * width];
        var targets = new long[batch.Count * width];
        Array.Fill(targets, -100);
        var counted = 0;
        for (var b = 0; b < batch.Count; b++)
        {
            var w = batch[b];
            var row = b * width;
            var context = w.ContextLength;
            for (var i = 0; i < w.Prefix.Length; i++) inputs[row + i] = w.Prefix[i];
            for (var i = 0; i < w.State.Length; i++) inputs[row + w.Prefix.Length + i] = w.State[i];
            for (var i = 0; i < w.Length; i++)
            {
                inputs[row + context + i] = w.Body[w.Start + i];
                targets[row + context - 1 + i] = w.Body[w.Start + i];
                counted++;
            }
        }
        return (inputs, targets, width, counted);
    }
}
