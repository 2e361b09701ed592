using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Batch normalization whose scale and shift come from the category embedding (de Vries et al. 2017; as in
/// Miyato and Koyama 2018). Taking an embedding rather than an index lets callers blend categories.
/// </summary>
public sealed class ConditionalBatchNorm : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BatchNorm2d norm;
    private readonly Linear gain;
    private readonly Linear shift;

    public ConditionalBatchNorm(string name, long channels, long embeddingSize) : base(name)
    {
        norm = nn.BatchNorm2d(channels, affine: false);
        gain = nn.Linear(embeddingSize, channels);
        shift = nn.Linear(embeddingSize, channels);
        nn.init.zeros_(gain.weight);
        nn.init.zeros_(gain.bias);
        nn.init.zeros_(shift.weight);
        nn.init.zeros_(shift.bias);
        RegisterComponents();
    }

    /// <param name="input">(B, C, H, W)</param>
    /// <param name="embedding">(B, E)</param>
    internal BatchNorm2d Norm => norm;
    internal Linear Gain => gain;
    internal Linear Shift => shift;

    public override Tensor forward(Tensor input, Tensor embedding)
    {
        var scale = gain.forward(embedding).add(1.0).unsqueeze(-1).unsqueeze(-1); // (B, C, 1, 1)
        var offset = shift.forward(embedding).unsqueeze(-1).unsqueeze(-1);
        return norm.forward(input).mul(scale).add(offset);
    }
}
