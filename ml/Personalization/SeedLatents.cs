using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;

namespace CreativeGen.Ml.Personalization;

/// <summary>The latent a landscape seed gives (truncation 1), as the generator draws it, on the host.</summary>
public static class SeedLatents
{
    /// <summary>Latent size of the landscape models this repository trains (default and personal ones).</summary>
    public const int LandscapeLatentSize = 128;

    public static float[] Of(long seed, int latentSize = LandscapeLatentSize)
    {
        TorchRuntime.Initialize(); // once per process; a grain may ask before any model is loaded
        using var scope = torch.NewDisposeScope();
        return TorchDevice.ToHost(LatentSampler.FromSeed(seed, latentSize)).data<float>().ToArray();
    }
}
