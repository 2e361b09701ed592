using CreativeGen.Ml.Common;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Common;

public sealed class LibTorchBackendsTests
{
    public LibTorchBackendsTests() => TorchRuntime.Initialize();

    /// <summary>
    /// oneDNN's JIT backward-data convolution returned NaN for this shape (a discriminator's 4x4 score convolution
    /// on 16 channels) on an AVX-512 machine, depending on what memory it reused, so training diverged at random.
    /// </summary>
    [Fact]
    public void Conv2dInputGradient_ShapesThatOneDnnGotWrong_FiniteEveryTime()
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(3);
        foreach (var (channels, outputs, kernel) in new[] { (16, 1, 4), (16, 4, 4), (16, 1, 3), (16, 4, 3) })
        {
            using var conv = torch.nn.Conv2d(channels, outputs, kernel);
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var input = torch.randn([8, channels, 4, 4], generator: random).requires_grad_(true);
                conv.forward(input).sum().backward();
                Assert.True(input.grad!.isfinite().all().item<bool>(), $"{channels}->{outputs} channels, {kernel}x{kernel} kernel, attempt {attempt}: the input gradient is not finite ({LibTorchBackends.State})");
            }
        }
    }
}
