using CreativeGen.Ml.Common;

namespace CreativeGen.Ml.Personalization;

/// <summary>
/// Chooses a picture's seed from a user's <see cref="LatentTaste"/>, so that the recipe stays (category, seed, ψ) and
/// regenerates byte-identically whatever the user rates later: the taste decides which seed, the seed alone decides
/// the latent. The choice is self-normalised importance resampling: <see cref="LatentTasteOptions.Candidates"/> seeds
/// derived from the request's seed are proposals from N(0, I), and one is kept with probability ∝ exp(⟨z, μ⟩), the
/// density ratio of N(μ, I) to N(0, I). Without ratings, and for an <see cref="LatentTasteOptions.Exploration"/> share
/// of requests, the request's own seed is kept, which is plain sampling.
/// </summary>
public static class TasteSeeds
{
    /// <summary>Seeds are kept below 2^53 so they survive JSON numbers (as the gateway's own seeds do).</summary>
    public const long SeedLimit = 1L << 53;

    /// <param name="latentOf">The latent (truncation 1) a seed gives, e.g. <see cref="SeedLatents.Of"/>.</param>
    public static long Choose(LatentTaste taste, long requestSeed, Func<long, float[]> latentOf, LatentTasteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(taste);
        ArgumentNullException.ThrowIfNull(latentOf);
        options ??= LatentTasteOptions.Default;
        if (taste.Ratings == 0) return requestSeed;
        var random = new SplitMix(requestSeed);
        if (random.NextDouble() < options.Exploration) return requestSeed;
        var pull = taste.Pull(options);
        var seeds = Candidates(requestSeed, options.Candidates);
        var logWeights = seeds.Select(seed => Dot(latentOf(seed), pull)).ToArray();
        var max = logWeights.Max();
        var weights = logWeights.Select(w => Math.Exp(w - max)).ToArray();
        return seeds[WeightedChoice.Index(weights, random.NextDouble())];
    }

    /// <summary>The request's seed first, then seeds derived from it (each in [0, 2^53)).</summary>
    public static long[] Candidates(long requestSeed, int count)
    {
        var derive = new SplitMix(requestSeed ^ 0x5EED_7A57E);
        return [requestSeed, .. Enumerable.Range(1, count - 1).Select(_ => (long)(derive.Next() % SeedLimit))];
    }

    private static double Dot(float[] latent, double[] pull)
    {
        if (latent.Length != pull.Length) throw new ArgumentException($"A seed's latent has {latent.Length} values; the taste has {pull.Length}.", nameof(latent));
        var sum = 0.0;
        for (var i = 0; i < latent.Length; i++) sum += latent[i] * pull[i];
        return sum;
    }

    /// <summary>SplitMix64 (Steele et al. 2014): our own, so the choice never depends on a runtime's Random.</summary>
    private sealed class SplitMix(long seed)
    {
        private ulong state = unchecked((ulong)seed);

        public ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
