using CreativeGen.Ml.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// Runs a trained <see cref="MusicLstm"/> one token at a time for a batch of streams, the whole batch sharing
/// each step. Inference only (no dropout, no gradients). The weights are copied out of torch once, and every
/// step is computed by <see cref="RowExactKernels"/>: a row's logits are the same bits alone, in any batch, at
/// any place in it and with any thread count, by construction rather than by tuning to one CPU's kernels.
/// <list type="bullet">
/// <item>layer 0's input product is looked up, not computed: b_ih0 + b_hh0 + embedding · W_ih0ᵀ is a (V, 4H) table;</item>
/// <item>a deeper layer starts from b_ihk + b_hhk, adds its input's terms, then its own state's;</item>
/// <item>weights are stored transposed, (K, N) row-major, so a step streams them along its output columns.</item>
/// </list>
/// </summary>
public sealed class LstmStepper : IDisposable
{
    private readonly int hidden;
    private readonly int layers;
    private readonly int threads;
    private readonly int gateWidth;  // 4H rounded up to whole weight panels
    private readonly int logitWidth;  // V rounded up likewise
    private readonly float[] inputTable;  // (V, 4H): layer 0's input contribution per token, biases included
    private readonly float[][] inputWeightsT;  // layer k ≥ 1: W_ihkᵀ (H, 4H), packed in panels; entry 0 unused
    private readonly float[][] stateWeightsT;  // W_hhkᵀ (H, 4H), packed
    private readonly float[][] gateBias;  // b_ihk + b_hhk (4H, padded)
    private readonly float[] headWeightT;  // (H, V), packed
    private readonly float[] headBias;  // (V, padded)
    private float[][] h = [];  // per layer (capacity, H)
    private float[][] c = [];
    private float[] gates = [];  // (capacity, 4H), shared by the layers in turn
    private float[] logits = [];  // (capacity, V)
    private int capacity;
    private int rows;
    private bool started;

    /// <param name="threads">Threads sharing a step's products (0: torch's thread count); results do not depend on it.</param>
    public LstmStepper(MusicLstm model, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (embed, weights, head, bias) = model.Weights();
        hidden = model.Config.HiddenSize;
        layers = weights.Length;
        this.threads = threads > 0 ? threads : Math.Max(1, torch.get_num_threads());
        VocabularySize = (int)bias.shape[0];
        var embedding = (int)embed.shape[1];
        gateWidth = RowExactKernels.PaddedColumns(4 * hidden);
        logitWidth = RowExactKernels.PaddedColumns(VocabularySize);
        inputWeightsT = new float[layers][];
        stateWeightsT = new float[layers][];
        gateBias = new float[layers][];
        for (var k = 0; k < layers; k++)
        {
            gateBias[k] = Padded(Sum(Floats(weights[k].Bih), Floats(weights[k].Bhh)), gateWidth);
            inputWeightsT[k] = RowExactKernels.PackPanels(Floats(weights[k].Wih.t()), k == 0 ? embedding : hidden, 4 * hidden);
            stateWeightsT[k] = RowExactKernels.PackPanels(Floats(weights[k].Whh.t()), hidden, 4 * hidden);
        }
        // The table is computed by the same kernel as the steps, so it is the same on every CPU too.
        inputTable = new float[VocabularySize * gateWidth];
        for (var v = 0; v < VocabularySize; v++) Array.Copy(gateBias[0], 0, inputTable, v * gateWidth, gateWidth);
        RowExactKernels.AccumulateProduct(inputTable, VocabularySize, gateWidth, Floats(embed), embedding, embedding, inputWeightsT[0], this.threads);
        inputWeightsT[0] = [];
        headWeightT = RowExactKernels.PackPanels(Floats(head.t()), hidden, VocabularySize);
        headBias = Padded(Floats(bias), logitWidth);
    }

    /// <summary>Streams in the batch.</summary>
    public int BatchSize => rows;

    public int VocabularySize { get; }

    /// <summary>Starts <paramref name="batchSize"/> streams from zero state.</summary>
    public void Reset(int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch needs at least one stream");
        EnsureCapacity(batchSize);
        rows = batchSize;
        started = true;
        ClearRows(0, batchSize);
    }

    /// <summary>Keeps only the given rows of the state (in that order), e.g. to drop finished streams.</summary>
    public void KeepRows(long[] keep)
    {
        if (!started) throw new InvalidOperationException("Reset the stepper first");
        if (keep.Length == 0) throw new ArgumentException("keep at least one row", nameof(keep));
        if (keep.Any(r => r < 0 || r >= rows)) throw new ArgumentOutOfRangeException(nameof(keep), "row outside the batch");
        for (var k = 0; k < layers; k++)
        {
            h[k] = Gather(h[k], keep);
            c[k] = Gather(c[k], keep);
        }
        rows = keep.Length;
    }

    /// <summary>
    /// Appends <paramref name="count"/> streams starting from zero state after the current ones, whose state is
    /// kept: streams can join a running batch (continuous batching). With no batch yet this is <see cref="Reset"/>.
    /// </summary>
    public void AddRows(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "add at least one stream");
        if (!started || rows == 0)
        {
            Reset(count);
            return;
        }
        EnsureCapacity(rows + count);
        ClearRows(rows, count);
        rows += count;
    }

    /// <summary>Feeds one token per stream; returns the next-token logits (B, V).</summary>
    public Tensor Step(long[] tokens)
    {
        if (!started) throw new InvalidOperationException("Reset the stepper first");
        if (tokens.Length != rows) throw new ArgumentException($"expected {rows} tokens, got {tokens.Length}");
        var width = gateWidth;
        for (var r = 0; r < rows; r++)
        {
            if ((ulong)tokens[r] >= (ulong)VocabularySize)
                throw new ArgumentOutOfRangeException(nameof(tokens), tokens[r], $"token outside the vocabulary of {VocabularySize}");
            Array.Copy(inputTable, tokens[r] * width, gates, r * width, width);
        }
        RowExactKernels.AccumulateProduct(gates, rows, width, h[0], hidden, hidden, stateWeightsT[0], threads);
        RowExactKernels.CellUpdate(gates, width, c[0], h[0], rows, hidden);
        for (var k = 1; k < layers; k++)
        {
            for (var r = 0; r < rows; r++) Array.Copy(gateBias[k], 0, gates, r * width, width);
            RowExactKernels.AccumulateProduct(gates, rows, width, h[k - 1], hidden, hidden, inputWeightsT[k], threads);
            RowExactKernels.AccumulateProduct(gates, rows, width, h[k], hidden, hidden, stateWeightsT[k], threads);
            RowExactKernels.CellUpdate(gates, width, c[k], h[k], rows, hidden);
        }
        for (var r = 0; r < rows; r++) Array.Copy(headBias, 0, logits, r * logitWidth, logitWidth);
        RowExactKernels.AccumulateProduct(logits, rows, logitWidth, h[layers - 1], hidden, hidden, headWeightT, threads);
        var result = new float[rows * VocabularySize];
        for (var r = 0; r < rows; r++) Array.Copy(logits, r * logitWidth, result, r * VocabularySize, VocabularySize);
        return torch.tensor(result, [rows, VocabularySize]); // (B, V)
    }

    public void Dispose()
    {
        // Nothing native is held: the weights were copied into managed arrays.
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= capacity) return;
        var grown = Math.Max(needed, Math.Max(4, capacity * 2));
        h = [.. Enumerable.Range(0, layers).Select(k => Grow(k < h.Length ? h[k] : [], grown * hidden))];
        c = [.. Enumerable.Range(0, layers).Select(k => Grow(k < c.Length ? c[k] : [], grown * hidden))];
        gates = new float[grown * gateWidth];
        logits = new float[grown * logitWidth];
        capacity = grown;
    }

    private static float[] Grow(float[] old, int length)
    {
        var grown = new float[length];
        Array.Copy(old, grown, Math.Min(old.Length, length));
        return grown;
    }

    private float[] Gather(float[] state, long[] keep)
    {
        var gathered = new float[capacity * hidden];
        for (var i = 0; i < keep.Length; i++) Array.Copy(state, keep[i] * hidden, gathered, i * hidden, hidden);
        return gathered;
    }

    private void ClearRows(int start, int count)
    {
        for (var k = 0; k < layers; k++)
        {
            Array.Clear(h[k], start * hidden, count * hidden);
            Array.Clear(c[k], start * hidden, count * hidden);
        }
    }

    private static float[] Floats(Tensor t) => TorchDevice.ToHost(t.detach()).contiguous().data<float>().ToArray();

    private static float[] Padded(float[] values, int length)
    {
        var padded = new float[length];
        values.CopyTo(padded, 0);
        return padded;
    }

    private static float[] Sum(float[] a, float[] b) => [.. a.Zip(b, (x, y) => x + y)];
}
