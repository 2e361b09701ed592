namespace CreativeGen.Bench.Cluster;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(string Kind, string Batching, int Users, int Completed, int Failed, int Unfinished, TimeSpan Elapsed, double[] LatenciesMs, string Limits)
{
    public double RequestsPerSecond => Completed / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[(int)Math.Round(p * (sorted.Length - 1))];
    }
}
