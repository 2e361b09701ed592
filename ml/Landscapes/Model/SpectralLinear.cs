using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// A spectrally normalized weight matrix (rows x columns) used either as a linear layer (<see cref="Linear"/>) or as
/// an embedding table (<see cref="Lookup"/>): the projection discriminator needs both.
/// </summary>
public sealed class SpectralLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Tensor u;
    private readonly Tensor v;

    public SpectralLinear(string name, long inFeatures, long outFeatures, Generator random, bool withBias = true) : base(name)
    {
        weight = nn.Parameter(torch.empty(outFeatures, inFeatures));
        SeededInit.XavierUniform(weight, random);
        bias = withBias ? nn.Parameter(torch.zeros(outFeatures)) : null;
        (u, v) = SpectralNorm.CreateVectors(outFeatures, inFeatures, random);
        register_parameter("weight", weight);
        if (bias is not null) register_parameter("bias", bias);
        register_buffer("u", u);
        register_buffer("v", v);
    }

    /// <summary>x W^T + b.</summary>
    public override Tensor forward(Tensor input) =>
        nn.functional.linear(input, SpectralNorm.Normalize(weight, u, v, training), bias);

    /// <summary>Rows of the normalized matrix: an embedding table with one row per output feature.</summary>
    public Tensor Lookup(Tensor indices) =>
        SpectralNorm.Normalize(weight, u, v, training).index_select(0, indices);
}
