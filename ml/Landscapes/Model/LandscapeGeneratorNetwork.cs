using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// A conditional generator: (latent (B, L), category weights (B, K)) to images (B, 3, R, R) in [-1, 1].
/// Category weights are one-hot for a plain request; a blend of two categories walks between them.
/// </summary>
public abstract class LandscapeGeneratorNetwork(string name, LandscapeModelOptions options) : nn.Module<Tensor, Tensor, Tensor>(name)
{
    public LandscapeModelOptions Options { get; } = options;

    public Tensor OneHot(Tensor categories) =>
        nn.functional.one_hot(categories, Options.Categories.Count).to_type(ScalarType.Float32);
}
