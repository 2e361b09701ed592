using CreativeGen.Ml.Landscapes.Sampling;

namespace CreativeGen.Ml.Personalization;

/// <summary>The latent a landscape seed gives (truncation 1), exactly as the generator draws it.</summary>
public static class SeedLatents
{
    /// <summary>Latent size of the landscape models this repository trains (default and personal ones).</summary>
    public const int LandscapeLatentSize = 128;

    /// <summary>Plain C# (<see cref="LatentSampler.StandardNormal"/>): no torch, so a grain can weigh hundreds of seeds cheaply.</summary>
    public static float[] Of(long seed, int latentSize = LandscapeLatentSize) => LatentSampler.StandardNormal(seed, latentSize);
}
