using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

public sealed class DiffAugmentTests
{
    public DiffAugmentTests() => TorchRuntime.Initialize();

    [SkippableFact]
    public void Apply_RealBatch_KeepsShapeChangesPixelsAndPassesGradients()
    {
        using var random = new torch.Generator(3);
        using var data = new LandscapeTestData(perCategory: 2);
        using var dataset = data.Load(32);
        var (images, _) = dataset.Batch(torch.arange(8));
        var input = images.clone().requires_grad_(true);

        var augmented = DiffAugment.Apply(input, random);
        augmented.sum().backward();

        Assert.Equal(input.shape, augmented.shape);
        Assert.False(augmented.allclose(images));
        Assert.NotNull(input.grad);
        Assert.True(input.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Translate_ShiftsWholeImageContentByAtMostAnEighth()
    {
        using var random = new torch.Generator(4);
        var image = torch.arange(64 * 64).to_type(torch.ScalarType.Float32).view(1, 1, 64, 64).expand(16, 1, 64, 64).contiguous();
        var moved = DiffAugment.Translate(image, 0.125, random);
        for (var i = 0; i < 16; i++)
        {
            var centre = moved[i, 0, 32, 32].item<float>();
            var dy = (int)centre / 64 - 32;
            var dx = (int)centre % 64 - 32;
            Assert.InRange(Math.Abs(dy), 0, 8);
            Assert.InRange(Math.Abs(dx), 0, 8);
            Assert.Equal(image[0, 0, 32 + dy + 1, 32 + dx + 1].item<float>(), moved[i, 0, 33, 33].item<float>());
        }
    }

    [Fact]
    public void Cutout_ZeroesAboutAQuarterOfTheImageOnAverage()
    {
        using var random = new torch.Generator(5);
        var ones = torch.ones(256, 3, 64, 64);
        var share = DiffAugment.Cutout(ones, 0.5, random).eq(0).to_type(torch.ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.12, 0.26); // a 32x32 square, partly outside the image when centred near an edge
    }
}
