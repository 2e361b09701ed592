using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// Latent vectors drawn from a request's own seed (so a request's pixels never depend on what else is in the batch),
/// the truncation trick, and spherical interpolation between two latents.
/// </summary>
public static class LatentSampler
{
    /// <summary>(L) standard normal vector from <paramref name="seed"/>, scaled by ψ (ψ &lt; 1 pulls toward the mean latent).</summary>
    public static Tensor FromSeed(long seed, int latentSize, double truncation = 1.0)
    {
        ValidateTruncation(truncation);
        var values = StandardNormal(seed, latentSize);
        if (truncation != 1.0)
            for (var i = 0; i < values.Length; i++) values[i] = (float)(values[i] * truncation);
        return TorchDevice.Place(torch.tensor(values));
    }

    /// <summary>
    /// <paramref name="count"/> standard normal values from <paramref name="seed"/>: Box–Muller in double precision on
    /// SplitMix64, so a seed means the same latent on any CPU and device. (torch.randn was not: libtorch fills a float
    /// tensor by an AVX2 routine in its AVX2 build and by a scalar one in its default and AVX-512 builds, so a recipe
    /// drew a different latent depending on the machine that served it.)
    /// </summary>
    public static float[] StandardNormal(long seed, int count)
    {
        var random = new StreamRandom(seed);
        var values = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            var uniform = 1.0 - random.NextDouble(); // (0, 1]: the logarithm stays finite
            var radius = Math.Sqrt(-2.0 * Math.Log(uniform));
            var angle = 2.0 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < count) values[i + 1] = (float)(radius * Math.Sin(angle));
        }
        return values;
    }

    /// <summary>(B, L) stacked latents, one per seed.</summary>
    public static Tensor FromSeeds(IEnumerable<long> seeds, int latentSize, IEnumerable<double> truncations) =>
        torch.stack(seeds.Zip(truncations, (seed, psi) => FromSeed(seed, latentSize, psi)).ToArray());

    /// <summary>Spherical interpolation (Shoemake 1985; White 2016 for GAN latents) at t in [0, 1].</summary>
    public static Tensor Slerp(Tensor from, Tensor to, double t)
    {
        var cosine = from.dot(to).div(from.norm().mul(to.norm())).clamp(-1.0, 1.0).item<float>();
        var omega = Math.Acos(cosine);
        if (omega < 1e-4) return from.mul(1 - t).add(to.mul(t));
        var sin = Math.Sin(omega);
        return from.mul(Math.Sin((1 - t) * omega) / sin).add(to.mul(Math.Sin(t * omega) / sin));
    }

    public static void ValidateTruncation(double truncation)
    {
        if (!(truncation > 0 && truncation <= 1))
            throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "Truncation ψ must be in (0, 1].");
    }
}
