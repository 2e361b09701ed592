namespace CreativeGen.Ml.Personalization.Evaluation;

/// <summary>
/// A simulated user whose hidden taste is a unit direction d in latent space and who rates a picture by where its
/// latent z lies along it: stars are the quintile of ⟨z, d⟩, which is N(0, 1) for plain pictures, so a plain picture
/// gets 4 or more stars with probability 0.4. Cheap (no picture is painted), so many users fit in a fast test;
/// <see cref="SimulatedLandscapeUser"/> judges painted pictures instead.
/// </summary>
public sealed class SimulatedLatentUser
{
    /// <summary>Standard normal quantiles at 0.2, 0.4, 0.6 and 0.8.</summary>
    private static readonly double[] Thresholds = [-0.8416, -0.2533, 0.2533, 0.8416];

    private readonly double[] direction;

    public SimulatedLatentUser(long hiddenSeed, int latentSize = SeedLatents.LandscapeLatentSize)
    {
        // Drawn from a System.Random of its own: the hidden taste shares nothing with the generator's seeds.
        var random = new Random(unchecked((int)(hiddenSeed * 2_654_435_761L)));
        var raw = Enumerable.Range(0, latentSize).Select(_ => Gaussian(random)).ToArray();
        var length = Math.Sqrt(raw.Sum(v => v * v));
        direction = [.. raw.Select(v => v / length)];
    }

    public double Alignment(float[] latent) => latent.Zip(direction, (z, d) => z * d).Sum();

    public int Rate(float[] latent)
    {
        var alignment = Alignment(latent);
        return 1 + Thresholds.Count(t => alignment >= t);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
