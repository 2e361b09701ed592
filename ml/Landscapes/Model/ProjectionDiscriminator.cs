using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Spectrally normalized discriminator with a projection head (Miyato and Koyama 2018): strided 4x4 convolutions
/// halve the image down to 4x4, features are summed over space, and the score is
/// linear(features) + embedding(category) · features. Optionally the last convolution also sees the minibatch
/// standard deviation of the 4x4 features (<see cref="MinibatchStdDev"/>).
/// </summary>
public sealed class ProjectionDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly SpectralLinear score;
    private readonly SpectralLinear categoryProjection;

    public ProjectionDiscriminator(string name, LandscapeModelOptions options, Generator random) : base(name)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = 3;
        for (var stage = 0; stage < options.Stages; stage++)
        {
            long next = Math.Min(options.BaseWidth << stage, options.BaseWidth * 8);
            layers.Add(($"conv{stage}", new SpectralConv2d($"conv{stage}", channels, next, 4, 2, 1, random)));
            layers.Add(($"act{stage}", nn.LeakyReLU(0.2)));
            channels = next;
        }
        var finalInput = channels;
        if (options.MinibatchStdDevGroup > 0)
        {
            layers.Add(("minibatch_std", new MinibatchStdDev("minibatch_std", options.MinibatchStdDevGroup))); // (B, 8w + 1, 4, 4)
            finalInput = channels + 1;
        }
        layers.Add(("conv_final", new SpectralConv2d("conv_final", finalInput, channels, 3, 1, 1, random)));
        layers.Add(("act_final", nn.LeakyReLU(0.2)));
        body = nn.Sequential(layers);
        score = new SpectralLinear("score", channels, 1, random);
        categoryProjection = new SpectralLinear("category_projection", channels, options.Categories.Count, random, withBias: false);
        RegisterComponents();
    }

    /// <param name="images">(B, 3, R, R) in [-1, 1]</param>
    /// <param name="categories">(B) int64</param>
    /// <returns>(B) unbounded scores: high means real.</returns>
    public override Tensor forward(Tensor images, Tensor categories)
    {
        var features = body.forward(images).sum([2, 3]); // (B, 8w)
        var projection = categoryProjection.Lookup(categories).mul(features).sum(1); // (B)
        return score.forward(features).squeeze(1).add(projection);
    }
}
