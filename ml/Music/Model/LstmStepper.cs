using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// Runs a trained <see cref="MusicLstm"/> one token at a time for a batch of streams, the whole batch sharing
/// each step. Inference only (no dropout, no gradients). On this CPU the cost of a step at small batches is
/// mostly the number of torch calls, so a step makes few of them, all on buffers allocated once per batch:
/// <list type="bullet">
/// <item>layer 0's input product is looked up, not computed: embedding · W_ih0ᵀ + b_ih0 + b_hh0 is a (V, 4H) table;</item>
/// <item>a deeper layer multiplies [input, h, 1] by the stacked [W_ih; W_hh; b_ih + b_hh] in ONE product;</item>
/// <item>gate rows are reordered (i, f, o, g) so one sigmoid and one tanh cover all four gates, through views
/// made once per batch.</item>
/// </list>
/// Compared with a loop of <c>nn.LSTMCell</c> and with <c>nn.LSTM</c> on length-1 sequences in bench/RESULTS.md.
/// Each row's result depends only on its own inputs, never on the other rows or its place among them.
/// libtorch's CPU matrix product sums in another order when it (or one thread's share of it) has fewer
/// than 4 rows: measured here, a row alone differs from the same row among 32 by ~1e-5, and with 2 threads
/// batches of 5-7 and 9-11 rows differ too. So the state is padded with idle rows to a multiple of
/// <see cref="RowQuantum"/> rows; with that, rows were bitwise identical at every batch size up to 128 with 1
/// and 2 threads (tests/…/LstmStepperTests). Torch thread counts above 2 were not checked.
/// </summary>
public sealed class LstmStepper : IDisposable
{
    private readonly Tensor inputTable;    // (V, 4H): layer 0's input contribution per token, biases included
    private readonly Tensor[] weightsT;    // layer 0: W_hh0ᵀ (H, 4H); layer k ≥ 1: [W_ihk; W_hhk; b_ihk + b_hhk]ᵀ (2H + 1, 4H)
    private readonly Tensor headWeightT;   // (H, V)
    private readonly Tensor headBias;      // (V)
    private readonly int hidden;
    /// <summary>Batches are padded to a multiple of this many rows (see the class remarks).</summary>
    public const int RowQuantum = 4;
    private BatchState? state;
    private int rows;

    public LstmStepper(MusicLstm model)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (embed, layers, head, bias) = model.Weights();
        hidden = model.Config.HiddenSize;
        var order = GateOrder(hidden);
        Tensor Rows(Tensor t) => t.detach().index_select(0, order);
        inputTable = torch.addmm(Rows(layers[0].Bih) + Rows(layers[0].Bhh), embed.detach(), Rows(layers[0].Wih).t(), 1, 1)
            .contiguous().MoveToOuterDisposeScope();
        weightsT = new Tensor[layers.Length];
        // Transposed views of row-major (4H, K) weights: libtorch's product was faster this way round than with
        // contiguous (K, 4H) copies, at 1, 4 and 32 rows (runs/bench notes in bench/RESULTS.md).
        weightsT[0] = Rows(layers[0].Whh).contiguous().t().MoveToOuterDisposeScope();
        for (var k = 1; k < layers.Length; k++)
        {
            var biasColumn = (Rows(layers[k].Bih) + Rows(layers[k].Bhh)).unsqueeze(1);
            weightsT[k] = torch.cat([Rows(layers[k].Wih), Rows(layers[k].Whh), biasColumn], 1).contiguous().t().MoveToOuterDisposeScope();
        }
        headWeightT = head.detach().contiguous().t().MoveToOuterDisposeScope();
        headBias = bias.detach().clone().MoveToOuterDisposeScope();
        VocabularySize = (int)headBias.shape[0];
    }

    /// <summary>Streams in the batch (without the padding rows).</summary>
    public int BatchSize => rows;

    public int VocabularySize { get; }

    /// <summary>Starts <paramref name="batchSize"/> streams from zero state.</summary>
    public void Reset(int batchSize)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch needs at least one stream");
        state?.Dispose();
        state = BatchState.Zero(Padded(batchSize), hidden, weightsT.Length);
        rows = batchSize;
    }

    /// <summary>Keeps only the given rows of the state (in that order), e.g. to drop finished streams.</summary>
    public void KeepRows(long[] keep)
    {
        var current = state ?? throw new InvalidOperationException("Reset the stepper first");
        if (keep.Length == 0) throw new ArgumentException("keep at least one row", nameof(keep));
        if (keep.Any(r => r < 0 || r >= rows)) throw new ArgumentOutOfRangeException(nameof(keep), "row outside the batch");
        state = current.Select([.. keep, .. Enumerable.Repeat(keep[0], Padded(keep.Length) - keep.Length)]);
        current.Dispose();
        rows = keep.Length;
    }

    /// <summary>
    /// Appends <paramref name="count"/> streams starting from zero state after the current ones, whose state is
    /// kept: streams can join a running batch (continuous batching). With no batch yet this is <see cref="Reset"/>.
    /// </summary>
    public void AddRows(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "add at least one stream");
        if (state is null || rows == 0)
        {
            Reset(count);
            return;
        }
        var grown = rows + count;
        if (Padded(grown) != state.Rows)
        {
            var current = state;
            state = current.Grow(rows, Padded(grown));
            current.Dispose();
        }
        else
        {
            ClearRows(state, rows, count); // the padding rows become streams: they must start from zero
        }
        rows = grown;
    }

    /// <summary>Feeds one token per stream; returns the next-token logits (B, V).</summary>
    public Tensor Step(long[] tokens)
    {
        var s = state ?? throw new InvalidOperationException("Reset the stepper first");
        if (tokens.Length != rows) throw new ArgumentException($"expected {rows} tokens, got {tokens.Length}");
        using var noGrad = torch.no_grad();
        using var ids = torch.tensor(rows < s.Rows ? [.. tokens, .. new long[s.Rows - rows]] : tokens);
        using (var rows = inputTable.index_select(0, ids)) s.Gates[0].copy_(rows);
        s.Gates[0].addmm_(s.H[0], weightsT[0], 1, 1);
        s.Update(0);
        for (var k = 1; k < weightsT.Length; k++)
        {
            if (k >= 2) s.Inputs[k].narrow(1, 0, hidden).copy_(s.H[k - 1]); // for two layers h[0] already lives there
            s.Gates[k].addmm_(s.Inputs[k], weightsT[k], 0, 1);
            s.Update(k);
        }
        var logits = torch.addmm(headBias, s.H[^1], headWeightT, 1, 1);
        return rows < s.Rows ? logits.narrow(0, 0, rows) : logits; // (B, V)
    }

    public void Dispose()
    {
        state?.Dispose();
        inputTable.Dispose();
        foreach (var t in weightsT) t.Dispose();
        headWeightT.Dispose();
        headBias.Dispose();
    }

    private static void ClearRows(BatchState s, int start, int count)
    {
        using var noGrad = torch.no_grad();
        for (var k = 0; k < s.C.Length; k++)
        {
            s.C[k].narrow(0, start, count).zero_();
            s.H[k].narrow(0, start, count).zero_();
        }
    }

    private static int Padded(int rows) => (rows + RowQuantum - 1) / RowQuantum * RowQuantum;

    /// <summary>Row order that turns torch's gate blocks (i, f, g, o) into (i, f, o, g).</summary>
    private static Tensor GateOrder(int hidden) =>
        torch.cat([torch.arange(0, 2 * hidden), torch.arange(3 * hidden, 4 * hidden), torch.arange(2 * hidden, 3 * hidden)]);
}
