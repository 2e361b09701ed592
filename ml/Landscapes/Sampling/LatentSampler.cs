using CreativeGen.Ml.Common;
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
        using var generator = new torch.Generator((ulong)seed);
        var latent = TorchDevice.Place(torch.randn([latentSize], generator: generator)); // drawn on the CPU: a seed means the same latent on any device
        return truncation == 1.0 ? latent : latent.mul(truncation);
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
