using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// The baseline's discriminator: a plain DCGAN of strided convolutions with batch norm; the category enters as
/// one-hot planes stacked onto the image.
/// </summary>
public sealed class TransposedDcganDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly int categoryCount;

    public TransposedDcganDiscriminator(string name, LandscapeModelOptions options, Generator random) : base(name)
    {
        categoryCount = options.Categories.Count;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = 3 + categoryCount;
        for (var stage = 0; stage < options.Stages; stage++)
        {
            long next = Math.Min(options.BaseWidth << stage, options.BaseWidth * 8);
            layers.Add(($"conv{stage}", SeededInit.Default(nn.Conv2d(channels, next, 4, 2, 1, bias: stage == 0), random)));
            if (stage > 0) layers.Add(($"norm{stage}", nn.BatchNorm2d(next)));
            layers.Add(($"act{stage}", nn.LeakyReLU(0.2)));
            channels = next;
        }
        layers.Add(("score", SeededInit.Default(nn.Conv2d(channels, 1, 4, 1, 0), random))); // (B, 1, 1, 1)
        body = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images, Tensor categories)
    {
        var planes = nn.functional.one_hot(categories, categoryCount).to_type(images.dtype)
            .unsqueeze(-1).unsqueeze(-1).expand(-1, -1, images.shape[2], images.shape[3]);
        return body.forward(torch.cat([images, planes], 1)).flatten();
    }
}
