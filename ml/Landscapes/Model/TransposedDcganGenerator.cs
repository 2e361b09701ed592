using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// The seed's first attempt, kept as the bench baseline: a DCGAN generator (Radford et al. 2015) of transposed
/// convolutions with batch norm, conditioned by concatenating the one-hot category to the latent.
/// </summary>
public sealed class TransposedDcganGenerator : LandscapeGeneratorNetwork
{
    private readonly nn.Module<Tensor, Tensor> body;

    public TransposedDcganGenerator(string name, LandscapeModelOptions options, Generator random) : base(name, options)
    {
        long channels = options.BaseWidth * 8;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("project", SeededInit.Default(nn.ConvTranspose2d(options.LatentSize + options.Categories.Count, channels, 4, 1, 0, bias: false), random)), // (B, 8w, 4, 4)
            ("project_norm", nn.BatchNorm2d(channels)),
            ("project_act", nn.ReLU()),
        };
        for (var stage = 0; stage < options.Stages - 1; stage++)
        {
            var next = Math.Max(channels / 2, options.BaseWidth / 2);
            layers.Add(($"up{stage}", SeededInit.Default(nn.ConvTranspose2d(channels, next, 4, 2, 1, bias: false), random)));
            layers.Add(($"norm{stage}", nn.BatchNorm2d(next)));
            layers.Add(($"act{stage}", nn.ReLU()));
            channels = next;
        }
        layers.Add(("to_rgb", SeededInit.Default(nn.ConvTranspose2d(channels, 3, 4, 2, 1), random))); // (B, 3, R, R)
        layers.Add(("tanh", nn.Tanh()));
        body = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor latent, Tensor categoryWeights) =>
        body.forward(torch.cat([latent, categoryWeights], 1).unsqueeze(-1).unsqueeze(-1));
}
