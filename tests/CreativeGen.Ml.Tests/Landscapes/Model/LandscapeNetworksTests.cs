using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes.Model;

public sealed class LandscapeNetworksTests
{
    public LandscapeNetworksTests() => TorchRuntime.Initialize();

    private readonly torch.Generator random = new(11);

    private torch.Generator Seeded() => random;

    [Fact]
    public void CreateNetworks_SameSeed_SameWeightsWhateverTheGlobalGeneratorDoes()
    {
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, 32, 16, 8);
        var first = Weights(options, seed: 5);
        torch.manual_seed(12345); // another thread of the process drawing meanwhile
        torch.randn(1000).Dispose();
        var second = Weights(options, seed: 5);
        var other = Weights(options, seed: 6);

        Assert.Equal(first.Count, second.Count);
        foreach (var (name, tensor) in first) Assert.True(tensor.equal(second[name]).all().item<bool>(), $"{name} differs for the same seed");
        Assert.Contains(first, pair => !pair.Value.equal(other[pair.Key]).all().item<bool>());
    }

    private static Dictionary<string, Tensor> Weights(LandscapeModelOptions options, int seed)
    {
        using var random = new torch.Generator((ulong)seed);
        using var generator = LandscapeNetworks.CreateGenerator(options, random);
        using var discriminator = LandscapeNetworks.CreateDiscriminator(options, random);
        return generator.state_dict().Select(p => ("g." + p.Key, p.Value.detach().clone()))
            .Concat(discriminator.state_dict().Select(p => ("d." + p.Key, p.Value.detach().clone())))
            .ToDictionary(p => p.Item1, p => p.Item2);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    public void Generator_AnyResolution_UsesUpsampleConvAndNoTransposedConvolution(int resolution)
    {
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, resolution, latentSize: 16, baseWidth: 8, embeddingSize: 8);
        using var generator = LandscapeNetworks.CreateGenerator(options, Seeded());
        var modules = generator.modules().ToList();

        Assert.DoesNotContain(modules, m => m is ConvTranspose2d);
        Assert.Equal(options.Stages, modules.Count(m => m is Upsample));
        generator.eval();
        using var noGrad = torch.no_grad();
        var images = generator.forward(torch.randn(2, 16), generator.OneHot(torch.tensor(new long[] { 0, 3 })));
        Assert.Equal(new long[] { 2, 3, resolution, resolution }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void BaselineGenerator_IsThePlainDcganWithTransposedConvolutions()
    {
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, 64, 16, 8, architecture: LandscapeArchitecture.TransposedDcgan);
        using var generator = LandscapeNetworks.CreateGenerator(options, Seeded());
        Assert.Equal(options.Stages + 1, generator.modules().Count(m => m is ConvTranspose2d));
        using var noGrad = torch.no_grad();
        Assert.Equal(new long[] { 3, 3, 64, 64 }, generator.forward(torch.randn(3, 16), generator.OneHot(torch.tensor(new long[] { 0, 1, 2 }))).shape);
    }

    [Fact]
    public void ProjectionDiscriminator_AfterPowerIterations_EveryWeightHasSpectralNormOne()
    {
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, 32, 16, 8);
        using var discriminator = new ProjectionDiscriminator("d", options, Seeded());
        discriminator.train();
        var images = torch.randn(4, 3, 32, 32);
        var categories = torch.tensor(new long[] { 0, 1, 2, 3 });
        // Power iteration converges at the rate (sigma2 / sigma1)^2 per pass; a random layer whose two top singular
        // values are close needs more than a few dozen passes (30 was seen to stop at 0.92 of sigma1).
        for (var i = 0; i < 300; i++) discriminator.forward(images, categories).Dispose();
        var scores = discriminator.forward(images, categories);
        Assert.Equal(new long[] { 4 }, scores.shape);

        var convs = discriminator.modules().OfType<SpectralConv2d>().ToList();
        Assert.NotEmpty(convs);
        foreach (var conv in convs)
        {
            var weight = conv.get_parameter("weight")!;
            var u = conv.get_buffer("u")!;
            var v = conv.get_buffer("v")!;
            using var noGrad = torch.no_grad();
            var sigma = linalg.svdvals(weight.view(weight.shape[0], -1))[0].item<float>();
            var estimate = u.dot(weight.view(weight.shape[0], -1).mv(v)).item<float>();
            Assert.InRange(estimate / sigma, 0.97, 1.0001);
        }
    }

    [Fact]
    public void ProjectionDiscriminator_CategoryChangesTheScore()
    {
        var options = new LandscapeModelOptions(LandscapeTestData.Categories, 32, 16, 8);
        using var discriminator = new ProjectionDiscriminator("d", options, Seeded());
        discriminator.eval();
        using var noGrad = torch.no_grad();
        var image = torch.randn(1, 3, 32, 32).expand(4, 3, 32, 32);
        var scores = discriminator.forward(image, torch.tensor(new long[] { 0, 1, 2, 3 })).data<float>().ToArray();
        Assert.Equal(4, scores.Distinct().Count());
    }

    [Fact]
    public void Options_NonsenseValues_AreRejectedWithClearMessages()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandscapeModelOptions(LandscapeTestData.Categories, resolution: 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandscapeModelOptions(LandscapeTestData.Categories, baseWidth: 3));
        Assert.Throws<ArgumentException>(() => new LandscapeModelOptions(["sea", "sea"]));
        var error = Assert.Throws<ArgumentException>(() => new LandscapeModelOptions(LandscapeTestData.Categories).CategoryIndex("desert"));
        Assert.Contains("forest, glacier, mountain, sea", error.Message);
    }
}
