using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace CreativeGen.Ml.Tests.Landscapes.Sampling;

/// <summary>The serving path's own arithmetic computes the same network as libtorch, to rounding.</summary>
public sealed class ExactGeneratorTests
{
    private readonly ITestOutputHelper log;

    public ExactGeneratorTests(ITestOutputHelper output)
    {
        log = output;
        TorchRuntime.Initialize();
    }

    [Theory]
    [InlineData(5, 6, 8, 2, true, false)]   // outputs not a multiple of the 4-channel block, upsampled
    [InlineData(16, 3, 12, 1, true, false)] // a toRGB layer: 3 outputs with bias
    [InlineData(7, 4, 5, 2, false, false)]  // odd input size: rows shorter than a vector
    [InlineData(5, 6, 4, 2, false, true)]   // reflected border, upsampled
    [InlineData(16, 3, 7, 1, true, true)]   // reflected border, toRGB
    public void Apply_RandomWeightsAndInputs_MatchesTorchConvolutionToRounding(int inputs, int outputs, int size, int scale, bool withBias, bool reflect)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator(17);
        var weight = torch.randn([outputs, inputs, 3, 3], generator: random);
        var bias = withBias ? torch.randn([outputs], generator: random) : null;
        var input = torch.randn([1, inputs, size, size], generator: random);
        var upsampled = scale == 1 ? input : nn.functional.interpolate(input, scale_factor: [scale, scale], mode: InterpolationMode.Nearest);
        var padded = nn.functional.pad(upsampled, [1, 1, 1, 1], reflect ? PaddingModes.Reflect : PaddingModes.Zeros);
        var expected = nn.functional.conv2d(padded, weight, bias).squeeze(0).data<float>().ToArray();

        var convolution = new ExactConvolution(weight.data<float>().ToArray(), bias?.data<float>().ToArray(), inputs, outputs);
        var outSize = size * scale;
        var grid = new float[ExactConvolution.InputLength(inputs, outSize, outSize)];
        ExactConvolution.FillPaddedGrid(input.data<float>().ToArray(), inputs, size, size, size, size * size, scale, grid, reflect);
        var positions = ExactConvolution.OutputLength(outSize, outSize);
        var output = new float[convolution.OutputBufferLength(outSize, outSize)];
        convolution.Apply(grid, outSize, outSize, output);

        var worst = 0.0;
        for (var o = 0; o < outputs; o++)
            for (var y = 0; y < outSize; y++)
                for (var x = 0; x < outSize; x++)
                {
                    var want = expected[(o * outSize + y) * outSize + x];
                    var got = output[o * positions + y * (outSize + 2) + x];
                    worst = Math.Max(worst, Math.Abs(want - got) / (1 + Math.Abs(want)));
                }
        log.WriteLine($"largest relative difference {worst:E2}");
        Assert.True(worst < 1e-5, $"largest relative difference from torch's conv2d: {worst:E2}");
    }

    [Fact]
    public void Generate_ShippedModel_MatchesLibTorchsForwardPassToOneLevel()
    {
        using var model = LandscapeModelLoader.LoadModel(DefaultModels.Require(DefaultModels.LandscapeFileName));
        var requests = Enumerable.Range(0, 16)
            .Select(i => new LandscapeRequest(model.Categories[i % model.Categories.Count], Seed: 300 + i, Truncation: i % 2 == 0 ? 1.0 : 0.6))
            .ToArray();
        var exact = model.GenerateRgb(requests);

        using var scope = torch.NewDisposeScope();
        var latents = LatentSampler.FromSeeds(requests.Select(r => r.Seed), model.Network.Options.LatentSize, requests.Select(r => r.Truncation));
        var categories = requests.Select(r => (long)model.Network.Options.CategoryIndex(r.Category)).ToArray();
        var viaLibTorch = ImageTensors.ToRgb(GeneratorSampling.Run(model.Network, latents, categories));

        long bytes = 0, differing = 0;
        var largest = 0;
        for (var i = 0; i < requests.Length; i++)
            for (var b = 0; b < exact[i].Length; b++)
            {
                var difference = Math.Abs(exact[i][b] - viaLibTorch[i][b]);
                bytes++;
                if (difference > 0) differing++;
                largest = Math.Max(largest, difference);
            }
        log.WriteLine($"{differing} of {bytes} bytes differ, by at most {largest}");
        Assert.True(largest <= 1, $"a byte differs by {largest} levels from libtorch's pass");
        Assert.True(differing <= bytes / 100, $"{differing} of {bytes} bytes differ from libtorch's pass (rounding alone moves few)");
    }

    [Theory]
    [InlineData(GeneratorPadding.Reflect)]
    [InlineData(GeneratorPadding.Zeros)]
    public void Generate_UntrainedModelOfEitherPadding_MatchesLibTorchsForwardPass(GeneratorPadding padding)
    {
        // Random weights and non-trivial norm statistics, so every layer's arithmetic shows in the pixels.
        var options = new LandscapeModelOptions(["a", "b", "c"], resolution: 16, latentSize: 12, baseWidth: 8, embeddingSize: 6, generatorPadding: padding);
        using var random = new torch.Generator(3);
        using var network = (ConditionalGenerator)LandscapeNetworks.CreateGenerator(options, random);
        using (torch.no_grad())
            foreach (var (name, tensor) in network.named_buffers())
                if (name.EndsWith("running_var", StringComparison.Ordinal)) tensor.copy_(torch.rand(tensor.shape, generator: random).add(0.5));
                else if (name.EndsWith("running_mean", StringComparison.Ordinal)) tensor.copy_(torch.randn(tensor.shape, generator: random).mul(0.1));
        using var scope = torch.NewDisposeScope();
        var latents = torch.randn([6, 12], generator: random);
        var weights = torch.rand([6, 3], generator: random); // blended categories, as interpolation uses
        var expected = GeneratorSampling.Run(network, latents, weights).data<float>().ToArray(); // (6, 3, 16, 16) in [-1, 1]
        var exact = new ExactGenerator(network);

        for (var row = 0; row < 6; row++)
        {
            var image = exact.Generate(latents[row].data<float>().ToArray(), weights[row].data<float>().ToArray());
            for (var c = 0; c < 3; c++)
                for (var pixel = 0; pixel < 256; pixel++)
                {
                    var want = (expected[(row * 3 + c) * 256 + pixel] + 1) * 127.5;
                    Assert.True(Math.Abs(image[pixel * 3 + c] - want) <= 0.5 + 1e-3, $"image {row}, channel {c}, pixel {pixel}: {image[pixel * 3 + c]} vs libtorch's {want:F4}");
                }
        }
    }

    [Fact]
    public void StandardNormal_ManyValues_HaveZeroMeanUnitVarianceAndDependOnlyOnTheSeed()
    {
        var values = LatentSampler.StandardNormal(seed: 5, count: 100_001);
        var mean = values.Average(v => (double)v);
        var variance = values.Average(v => (v - mean) * (v - mean));
        var beyondTwo = values.Count(v => Math.Abs(v) > 2) / (double)values.Length;

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
        Assert.InRange(beyondTwo, 0.042, 0.049); // 4.55 % of a normal lies beyond ±2σ
        Assert.Equal(values[..128], LatentSampler.StandardNormal(5, 128));
        Assert.NotEqual(values[..128], LatentSampler.StandardNormal(6, 128));
    }
}
