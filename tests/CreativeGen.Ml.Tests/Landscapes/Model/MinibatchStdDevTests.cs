using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes.Model;

public sealed class MinibatchStdDevTests
{
    public MinibatchStdDevTests() => TorchRuntime.Initialize();

    [Fact]
    public void Forward_TwoGroups_AppendsEachGroupsSpreadAsOneChannel()
    {
        using var random = new torch.Generator(3);
        using var layer = new MinibatchStdDev("std", 4);
        // Batch 8, groups of 4 are images {0, 2, 4, 6} and {1, 3, 5, 7}. The first group is one image repeated, the
        // second is noise with standard deviation 2 around it.
        var image = torch.randn([1, 5, 4, 4], generator: random);
        var batch = image.expand(8, 5, 4, 4).clone();
        batch[TensorIndex.Slice(1, 8, 2)] = batch[TensorIndex.Slice(1, 8, 2)].add(torch.randn([4, 5, 4, 4], generator: random).mul(2.0));

        var output = layer.forward(batch);

        Assert.Equal(new long[] { 8, 6, 4, 4 }, output.shape);
        TensorAssert.Identical(batch, output[.., ..5], "the input channels");
        var spread = output[.., 5];
        for (var i = 0; i < 8; i++)
            Assert.True(spread[i].eq(spread[i, 0, 0]).all().item<bool>(), $"image {i}: the spread is one constant map");
        Assert.True(spread[TensorIndex.Slice(0, 8, 2)].max().item<float>() < 1e-3, "identical images: no spread");
        // The population std of 4 normal draws with sigma 2 averages about 2 * 0.8 over 80 features.
        Assert.InRange(spread[1, 0, 0].item<float>(), 1.2, 2.2);
        Assert.Equal(spread[1, 0, 0].item<float>(), spread[7, 0, 0].item<float>());
    }

    [Fact]
    public void Forward_SpreadGrowsWithTheBatchsSpreadAndPassesGradients()
    {
        using var random = new torch.Generator(4);
        using var layer = new MinibatchStdDev("std", 4);
        var noise = torch.randn([4, 3, 2, 2], generator: random);
        var narrow = layer.forward(noise.mul(0.1))[0, 3, 0, 0].item<float>();
        var wide = layer.forward(noise.mul(1.0))[0, 3, 0, 0].item<float>();
        Assert.Equal(10.0, wide / narrow, 2);

        var input = noise.clone().requires_grad_(true);
        layer.forward(input)[.., 3].sum().backward();
        Assert.True(input.grad is { } grad && grad.abs().sum().item<float>() > 0, "the discriminator can push generated images apart");
    }

    [Theory]
    [InlineData(8, 4, 4)]
    [InlineData(6, 4, 3)]
    [InlineData(2, 4, 2)]
    [InlineData(7, 4, 1)]
    [InlineData(1, 4, 1)]
    public void GroupFor_Batch_LargestDivisorNotAboveTheGroupSize(long batch, long group, long expected)
    {
        using var layer = new MinibatchStdDev("std", group);
        Assert.Equal(expected, layer.GroupFor(batch));
        Assert.Equal(new long[] { batch, 3, 2, 2 }, layer.forward(torch.zeros(batch, 2, 2, 2)).shape);
    }

    [Fact]
    public void ProjectionDiscriminator_WithMinibatchStd_ScoresDependOnTheRestOfTheBatch()
    {
        using var random = new torch.Generator(5);
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, 16, 8, 8, minibatchStdDevGroup: 4);
        using var discriminator = new ProjectionDiscriminator("d", options, random);
        discriminator.eval();
        using var noGrad = torch.no_grad();
        var image = torch.randn([1, 3, 16, 16], generator: random);
        var categories = torch.zeros(4, dtype: ScalarType.Int64);
        var withTwins = discriminator.forward(torch.cat([image, image, image, image], 0), categories)[0].item<float>();
        var withOthers = discriminator.forward(torch.cat([image, torch.randn([3, 3, 16, 16], generator: random)], 0), categories)[0].item<float>();
        Assert.NotEqual(withTwins, withOthers);
    }

    [Fact]
    public void Options_MinibatchStdGroup_ValidatedAndOnlyForTheProjectionDiscriminator()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandscapeModelOptions(LandscapeTestData.Categories, minibatchStdDevGroup: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandscapeModelOptions(LandscapeTestData.Categories, minibatchStdDevGroup: 65));
        Assert.Throws<ArgumentException>(() => new LandscapeModelOptions(LandscapeTestData.Categories, architecture: LandscapeArchitecture.TransposedDcgan, minibatchStdDevGroup: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinibatchStdDev("std", 1));
    }
}
