using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// Runs a trained <see cref="MusicLstm"/> one token at a time for a batch of streams through native
/// LSTM cells holding copies of the sequence LSTM's weights, the whole batch sharing each cell step.
/// Much faster than calling the sequence LSTM once per token on the CPU. Inference only (no dropout, no gradients).
/// </summary>
public sealed class LstmStepper : IDisposable
{
    private readonly Tensor embedding; // (V, E)
    private readonly LSTMCell[] cells;
    private readonly Tensor headWeight; // (H, V)
    private readonly Tensor headBias;   // (V)
    private readonly int hidden;
    private Tensor[] h = [];
    private Tensor[] c = [];

    public LstmStepper(MusicLstm model)
    {
        using var noGrad = torch.no_grad();
        var (embed, layers, head, bias) = model.Weights();
        hidden = model.Config.HiddenSize;
        embedding = embed.detach().clone();
        cells = new LSTMCell[layers.Length];
        for (var k = 0; k < layers.Length; k++)
        {
            var inputSize = k == 0 ? model.Config.EmbeddingSize : hidden;
            cells[k] = nn.LSTMCell(inputSize, hidden);
            cells[k].weight_ih!.copy_(layers[k].Wih);
            cells[k].weight_hh!.copy_(layers[k].Whh);
            cells[k].bias_ih!.copy_(layers[k].Bih);
            cells[k].bias_hh!.copy_(layers[k].Bhh);
            cells[k].eval();
        }
        headWeight = head.detach().t().contiguous();
        headBias = bias.detach().clone();
    }

    public int BatchSize { get; private set; }

    /// <summary>Starts <paramref name="batchSize"/> streams from zero state.</summary>
    public void Reset(int batchSize)
    {
        DisposeState();
        BatchSize = batchSize;
        h = [.. cells.Select(_ => torch.zeros(batchSize, hidden))];
        c = [.. cells.Select(_ => torch.zeros(batchSize, hidden))];
    }

    /// <summary>Feeds one token per stream; returns the next-token logits (B, V).</summary>
    public Tensor Step(long[] tokens)
    {
        if (tokens.Length != BatchSize) throw new ArgumentException($"expected {BatchSize} tokens, got {tokens.Length}");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = embedding.index_select(0, torch.tensor(tokens)); // (B, E)
        for (var layer = 0; layer < cells.Length; layer++)
        {
            var (newH, newC) = cells[layer].forward(x, (h[layer], c[layer])); // (B, H) each
            h[layer].Dispose();
            c[layer].Dispose();
            h[layer] = newH.DetachFromDisposeScope();
            c[layer] = newC.DetachFromDisposeScope();
            x = h[layer];
        }
        return torch.addmm(headBias, x, headWeight, 1, 1).MoveToOuterDisposeScope(); // (B, V)
    }

    public void Dispose()
    {
        DisposeState();
        embedding.Dispose();
        foreach (var cell in cells) cell.Dispose();
        headWeight.Dispose();
        headBias.Dispose();
    }

    private void DisposeState()
    {
        foreach (var t in h.Concat(c)) t.Dispose();
        h = [];
        c = [];
    }
}
