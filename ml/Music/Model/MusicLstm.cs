using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// Token embedding → multi-layer LSTM → linear head over the vocabulary. Used whole-sequence for
/// training; <see cref="LstmStepper"/> runs the same weights one token at a time for sampling.
/// </summary>
public sealed class MusicLstm : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly Dropout inputDropout;
    private readonly LSTM lstm;
    private readonly Dropout outputDropout;
    private readonly Linear head;

    public MusicLstm(MusicModelConfig config) : base(nameof(MusicLstm))
    {
        Config = config;
        embedding = nn.Embedding(config.VocabularySize, config.EmbeddingSize);
        inputDropout = nn.Dropout(config.Dropout);
        lstm = nn.LSTM(config.EmbeddingSize, config.HiddenSize, numLayers: config.Layers, batchFirst: true,
            dropout: config.Layers > 1 ? config.Dropout : 0);
        outputDropout = nn.Dropout(config.Dropout);
        head = nn.Linear(config.HiddenSize, config.VocabularySize);
        RegisterComponents();
    }

    public MusicModelConfig Config { get; }

    /// <param name="tokens">(B, T) int64 token ids.</param>
    /// <returns>(B, T, V) logits for the next token at each position.</returns>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var x = inputDropout.forward(embedding.forward(tokens)); // (B, T, E)
        var (output, _, _) = lstm.forward(x);                      // (B, T, H)
        return head.forward(outputDropout.forward(output)).MoveToOuterDisposeScope(); // (B, T, V)
    }

    /// <summary>The weights the stepper shares: embedding (V, E), per layer (W_ih, W_hh, b_ih, b_hh), head (V, H) and bias.</summary>
    internal (Tensor Embedding, (Tensor Wih, Tensor Whh, Tensor Bih, Tensor Bhh)[] Layers, Tensor HeadWeight, Tensor HeadBias) Weights()
    {
        var named = lstm.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var layers = Enumerable.Range(0, Config.Layers)
            .Select(k => (named[$"weight_ih_l{k}"], named[$"weight_hh_l{k}"], named[$"bias_ih_l{k}"], named[$"bias_hh_l{k}"]))
            .ToArray();
        return (embedding.weight!, layers, head.weight!, head.bias!);
    }
}
