using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>Runs a generator for sampling: eval mode, no gradients, one forward pass over the given rows (LandscapeModel passes one row at a time; evaluation and contact sheets batch).</summary>
public static class GeneratorSampling
{
    /// <param name="latents">(B, L)</param>
    /// <param name="categoryWeights">(B, K) one-hot or blended categories</param>
    /// <returns>(B, 3, R, R) in [-1, 1], outside any dispose scope of the caller's batch.</returns>
    public static Tensor Run(LandscapeGeneratorNetwork generator, Tensor latents, Tensor categoryWeights)
    {
        var wasTraining = generator.training;
        generator.eval();
        try
        {
            using var noGrad = torch.no_grad();
            return generator.forward(latents, categoryWeights);
        }
        finally
        {
            if (wasTraining) generator.train();
        }
    }

    /// <summary>Images for one category index per row, from the given latents.</summary>
    public static Tensor Run(LandscapeGeneratorNetwork generator, Tensor latents, long[] categories) =>
        Run(generator, latents, generator.OneHot(TorchDevice.Place(torch.tensor(categories))));
}
