namespace CreativeGen.Ml.Personalization;

/// <summary>
/// A user's taste inside a generator's latent space: the Gaussian N(μ, I) their next pictures are drawn from. μ starts
/// at 0 (plain sampling) and moves toward the latents of results rated above neutral and away from those rated below:
/// μ = Σ (stars − 3)·z / (ratings + <see cref="LatentTasteOptions.PriorRatings"/>), its length capped at
/// <see cref="LatentTasteOptions.MaxPull"/>. Immutable: a rating returns a new taste, so a grain can store it as is.
/// </summary>
public sealed class LatentTaste
{
    private readonly float[] weightedSum;

    private LatentTaste(float[] weightedSum, int ratings)
    {
        this.weightedSum = weightedSum;
        Ratings = ratings;
    }

    /// <summary>No ratings yet: drawing from it is plain sampling.</summary>
    public static LatentTaste Empty(int latentSize) =>
        latentSize is >= 2 and <= 1024 ? new(new float[latentSize], 0) : throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "Latent size must be in [2, 1024].");

    /// <summary>A stored taste: Σ (stars − 3)·z over its ratings, and their number.</summary>
    public static LatentTaste FromSums(float[] weightedSum, int ratings)
    {
        ArgumentNullException.ThrowIfNull(weightedSum);
        if (ratings < 0) throw new ArgumentOutOfRangeException(nameof(ratings), ratings, "A rating count is never negative.");
        return new([.. weightedSum], ratings);
    }

    public int LatentSize => weightedSum.Length;

    public int Ratings { get; }

    /// <summary>Σ (stars − 3)·z, to store.</summary>
    public float[] WeightedSum => [.. weightedSum];

    /// <summary>The taste after one more rating of the picture painted from <paramref name="latent"/> (stars 1..5).</summary>
    public LatentTaste Rate(ReadOnlySpan<float> latent, int stars) => Add(latent, stars, +1);

    /// <summary>The taste without a rating it counted before (a result re-rated is taken out, then rated again).</summary>
    public LatentTaste Unrate(ReadOnlySpan<float> latent, int stars) => Add(latent, stars, -1);

    /// <summary>μ, the mean of the user's latent distribution (length at most <paramref name="options"/>' MaxPull).</summary>
    public double[] Pull(LatentTasteOptions options)
    {
        var scale = 1.0 / (Math.Max(Ratings, 0) + options.PriorRatings);
        var pull = weightedSum.Select(v => v * scale).ToArray();
        var length = Math.Sqrt(pull.Sum(v => v * v));
        if (length > options.MaxPull)
            for (var i = 0; i < pull.Length; i++) pull[i] *= options.MaxPull / length;
        return pull;
    }

    private LatentTaste Add(ReadOnlySpan<float> latent, int stars, int sign)
    {
        if (latent.Length != weightedSum.Length)
            throw new ArgumentException($"The latent has {latent.Length} values; this taste has {weightedSum.Length}.", nameof(latent));
        if (stars is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(stars), stars, "Stars must be 1 to 5.");
        var weight = sign * (stars - 3);
        var sum = new float[weightedSum.Length];
        for (var i = 0; i < sum.Length; i++) sum[i] = weightedSum[i] + weight * latent[i];
        return new(sum, Ratings + sign);
    }
}
