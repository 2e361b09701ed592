using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>Nearest-neighbour 2x upsampling, a 3x3 convolution, conditional batch norm and ReLU. No transposed convolution.</summary>
public sealed class UpsampleConvBlock : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Upsample upsample;
    private readonly Conv2d conv;
    private readonly ConditionalBatchNorm norm;

    public UpsampleConvBlock(string name, long inChannels, long outChannels, long embeddingSize, Generator random) : base(name)
    {
        upsample = nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest);
        conv = SeededInit.Default(nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false), random);
        norm = new ConditionalBatchNorm("norm", outChannels, embeddingSize);
        RegisterComponents();
    }

    internal Conv2d Conv => conv;
    internal ConditionalBatchNorm Norm => norm;

    public override Tensor forward(Tensor input, Tensor embedding) =>
        nn.functional.relu(norm.forward(conv.forward(upsample.forward(input)), embedding)); // (B, out, 2H, 2W)
}
