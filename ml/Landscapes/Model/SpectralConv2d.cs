using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>A 2-D convolution whose weight is spectrally normalized.</summary>
public sealed class SpectralConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor u;
    private readonly Tensor v;
    private readonly long stride;
    private readonly long padding;

    public SpectralConv2d(string name, long inChannels, long outChannels, long kernel, long stride, long padding, Generator random) : base(name)
    {
        this.stride = stride;
        this.padding = padding;
        weight = nn.Parameter(torch.empty(outChannels, inChannels, kernel, kernel));
        SeededInit.XavierUniform(weight, random);
        bias = nn.Parameter(torch.zeros(outChannels));
        (u, v) = SpectralNorm.CreateVectors(outChannels, inChannels * kernel * kernel, random);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("u", u);
        register_buffer("v", v);
    }

    public override Tensor forward(Tensor input)
    {
        var normalized = SpectralNorm.Normalize(weight, u, v, training);
        return nn.functional.conv2d(input, normalized, bias, strides: [stride, stride], padding: [padding, padding]);
    }
}
