using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Weight initialization drawn from the caller's generator rather than torch's process-wide one, so a network's
/// initial weights depend on its seed alone, even while other threads of the process (a grain generating, another
/// trainer) draw random numbers.
/// </summary>
internal static class SeededInit
{
    /// <summary>
    /// Redraws a Linear, Conv2d or ConvTranspose2d layer with PyTorch's default distribution, U(±1/√fan_in) for the
    /// weight and the bias, where fan_in is the weight's second dimension times its kernel area.
    /// </summary>
    public static T Default<T>(T layer, Generator random) where T : nn.Module
    {
        var parameters = layer.named_parameters(recurse: false).ToDictionary(p => p.name, p => p.parameter);
        var weight = parameters["weight"];
        var bound = 1.0 / Math.Sqrt(FanIn(weight));
        Uniform(weight, bound, random);
        if (parameters.TryGetValue("bias", out var bias) && bias is not null) Uniform(bias, bound, random);
        return layer;
    }

    /// <summary>Glorot and Bengio's uniform initialization, U(±√(6 / (fan_in + fan_out))).</summary>
    public static void XavierUniform(Tensor weight, Generator random)
    {
        var fanOut = weight.shape[0] * ReceptiveField(weight);
        var bound = Math.Sqrt(6.0 / (FanIn(weight) + fanOut));
        Uniform(weight, bound, random);
    }

    public static Tensor StandardNormal(Generator random, params long[] shape) => torch.randn(shape, generator: random);

    // torch.rand with the generator rather than nn.init.uniform_, whose generator argument TorchSharp 0.107 ignores
    // (two draws from equal seeds differed).
    private static void Uniform(Tensor target, double bound, Generator random)
    {
        using var noGrad = torch.no_grad();
        using var draw = torch.rand(target.shape, generator: random);
        target.copy_(draw.mul_(2 * bound).sub_(bound));
    }

    private static long FanIn(Tensor weight) => weight.shape[1] * ReceptiveField(weight);

    private static long ReceptiveField(Tensor weight) => weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
}
