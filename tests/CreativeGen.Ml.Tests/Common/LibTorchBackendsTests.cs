using CreativeGen.Ml.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Common;

[Collection(nameof(LibTorchBackendsTests))] // it switches oneDNN off for a moment: nothing runs beside it
[CollectionDefinition(nameof(LibTorchBackendsTests), DisableParallelization = true)]
public sealed class LibTorchBackendsTests
{
    public LibTorchBackendsTests() => TorchRuntime.Initialize();

    /// <summary>
    /// oneDNN's AVX2/AVX-512 backward-data convolution returned NaN or wrong numbers for outputs narrower than its
    /// vector block (a discriminator's score convolution, a generator's toRGB), depending on the memory it reused, so
    /// GAN training diverged at random. Each gradient must match ATen's own convolution.
    /// </summary>
    [Theory]
    [InlineData(16, 1, 4, 4)]
    [InlineData(16, 4, 4, 4)]
    [InlineData(16, 3, 3, 16)] // toRGB
    [InlineData(32, 3, 3, 64)]
    [InlineData(3, 32, 4, 64)] // a discriminator's first layer
    public void Conv2dGradients_NarrowOutputs_MatchAtensOwnConvolution(int channels, int outputs, int kernel, int side)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(3);
        using var conv = nn.Conv2d(channels, outputs, kernel, padding: kernel == 3 ? 1 : 0);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var input = torch.randn([8, channels, side, side], generator: random);
            var (gradient, weightGradient) = Gradients(conv, input);
            LibTorchBackends.UseOneDnn(false);
            Tensor reference, weightReference;
            try { (reference, weightReference) = Gradients(conv, input); }
            finally { LibTorchBackends.UseOneDnn(true); }
            Assert.True(gradient.isfinite().all().item<bool>(), $"attempt {attempt}: input gradient not finite ({LibTorchBackends.State})");
            Assert.True(RelativeError(gradient, reference) < 1e-5, $"attempt {attempt}: input gradient off by {RelativeError(gradient, reference):G3} of its largest value ({LibTorchBackends.State})");
            Assert.True(RelativeError(weightGradient, weightReference) < 1e-5, $"attempt {attempt}: weight gradient off by {RelativeError(weightGradient, weightReference):G3} of its largest value");
        }
    }

    /// <summary>Largest difference over the largest reference value: summation orders differ, magnitudes vary.</summary>
    private static float RelativeError(Tensor actual, Tensor reference) =>
        (actual - reference).abs().max().item<float>() / reference.abs().max().item<float>();

    private static (Tensor Input, Tensor Weight) Gradients(nn.Module<Tensor, Tensor> conv, Tensor input)
    {
        conv.zero_grad();
        var x = input.clone().requires_grad_(true);
        conv.forward(x).pow(2).sum().backward();
        var weight = conv.parameters().First().grad!.clone();
        return (x.grad!.clone(), weight);
    }
}
