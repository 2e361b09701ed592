namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// A small, fully specified random source (SplitMix64) owned by one generation stream, so that what a
/// stream samples depends only on its own seed, never on which other streams share the batch.
/// </summary>
public sealed class StreamRandom(long seed)
{
    private ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public int Next(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);
}
