using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// Runs a trained <see cref="MusicLstm"/> one token at a time for a batch of streams: one matrix product per
/// layer per step ([x, h] · [W_ih; W_hh]ᵀ), the whole batch sharing each step. Much faster than calling the
/// sequence LSTM once per token on the CPU. Always in inference mode (no dropout, no gradients).
/// </summary>
public sealed class LstmStepper : IDisposable
{
    private readonly Tensor embedding;
    private readonly Tensor[] combinedWeights; // (in + H, 4H) per layer
    private readonly Tensor[] biases;          // (4H) per layer
    private readonly Tensor headWeight;        // (H, V)
    private readonly Tensor headBias;          // (V)
    private readonly int hidden;
    private Tensor[] h = [];
    private Tensor[] c = [];

    public LstmStepper(MusicLstm model)
    {
        using var noGrad = torch.no_grad();
        var (embed, layers, head, bias) = model.Weights();
        hidden = model.Config.HiddenSize;
        embedding = embed.detach().clone();
        combinedWeights = [.. layers.Select(l => torch.cat([l.Wih.detach(), l.Whh.detach()], 1).t().contiguous())];
        biases = [.. layers.Select(l => (l.Bih.detach() + l.Bhh.detach()).contiguous())];
        headWeight = head.detach().t().contiguous();
        headBias = bias.detach().clone();
    }

    public int BatchSize { get; private set; }

    /// <summary>Starts <paramref name="batchSize"/> streams from zero state.</summary>
    public void Reset(int batchSize)
    {
        DisposeState();
        BatchSize = batchSize;
        h = [.. combinedWeights.Select(_ => torch.zeros(batchSize, hidden))];
        c = [.. combinedWeights.Select(_ => torch.zeros(batchSize, hidden))];
    }

    /// <summary>Feeds one token per stream; returns the next-token logits (B, V).</summary>
    public Tensor Step(long[] tokens)
    {
        if (tokens.Length != BatchSize) throw new ArgumentException($"expected {BatchSize} tokens, got {tokens.Length}");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = embedding.index_select(0, torch.tensor(tokens)); // (B, E)
        for (var layer = 0; layer < combinedWeights.Length; layer++)
        {
            var gates = torch.addmm(biases[layer], torch.cat([x, h[layer]], 1), combinedWeights[layer], 1, 1); // (B, 4H)
            var chunks = gates.chunk(4, 1);
            var input = chunks[0].sigmoid();
            var forget = chunks[1].sigmoid();
            var cell = chunks[2].tanh();
            var output = chunks[3].sigmoid();
            var newC = forget * c[layer] + input * cell;
            var newH = output * newC.tanh();
            h[layer].Dispose();
            c[layer].Dispose();
            h[layer] = newH.MoveToOuterDisposeScope();
            c[layer] = newC.MoveToOuterDisposeScope();
            x = h[layer];
        }
        return torch.addmm(headBias, x, headWeight, 1, 1).MoveToOuterDisposeScope(); // (B, V)
    }

    public void Dispose()
    {
        DisposeState();
        embedding.Dispose();
        foreach (var t in combinedWeights.Concat(biases)) t.Dispose();
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
