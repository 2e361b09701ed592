namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>One feature compared between a generated set and a reference set.</summary>
public sealed record FeatureComparison(string Feature, double GeneratedMean, double ReferenceMean, double OverlapArea);

/// <summary>
/// Yang &amp; Lerch's set comparison: for each feature, the distribution (Gaussian kernel density, Silverman
/// bandwidth) of intra-set distances within the reference set against that of inter-set distances between
/// generated and reference pieces; the overlapping area of the two densities (1 = indistinguishable from
/// the reference, 0 = disjoint). Means are of the feature's vector norm (scalars: the value itself).
/// </summary>
public static class SetComparison
{
    public static IReadOnlyList<FeatureComparison> Compare(IReadOnlyList<PieceFeatures> generated, IReadOnlyList<PieceFeatures> reference)
    {
        if (generated.Count == 0 || reference.Count < 2) throw new ArgumentException("need at least one generated and two reference pieces");
        var result = new List<FeatureComparison>();
        for (var f = 0; f < PieceFeatures.Names.Length; f++)
        {
            var gen = generated.Select(p => p.Vectors()[f]).ToList();
            var refs = reference.Select(p => p.Vectors()[f]).ToList();
            var intra = new List<double>();
            for (var i = 0; i < refs.Count; i++)
                for (var j = i + 1; j < refs.Count; j++) intra.Add(Distance(refs[i], refs[j]));
            var inter = new List<double>();
            foreach (var g in gen)
                foreach (var r in refs) inter.Add(Distance(g, r));
            result.Add(new FeatureComparison(PieceFeatures.Names[f], gen.Average(Magnitude), refs.Average(Magnitude), OverlapArea(intra, inter)));
        }
        return result;
    }

    /// <summary>∫ min(p, q) of the two kernel density estimates, on a fine grid over both supports.</summary>
    public static double OverlapArea(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ha = Bandwidth(a);
        var hb = Bandwidth(b);
        var low = Math.Min(a.Min() - 4 * ha, b.Min() - 4 * hb);
        var high = Math.Max(a.Max() + 4 * ha, b.Max() + 4 * hb);
        const int steps = 1000;
        var dx = (high - low) / steps;
        double area = 0;
        for (var i = 0; i <= steps; i++)
        {
            var x = low + i * dx;
            area += Math.Min(Density(a, ha, x), Density(b, hb, x)) * dx;
        }
        return Math.Clamp(area, 0, 1);
    }

    private static double Density(IReadOnlyList<double> samples, double h, double x)
    {
        double sum = 0;
        foreach (var s in samples) sum += Math.Exp(-0.5 * ((x - s) / h) * ((x - s) / h));
        return sum / (samples.Count * h * Math.Sqrt(2 * Math.PI));
    }

    private static double Bandwidth(IReadOnlyList<double> samples)
    {
        var mean = samples.Average();
        var sd = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / Math.Max(1, samples.Count - 1));
        var h = 1.06 * sd * Math.Pow(samples.Count, -0.2);
        return h > 1e-9 ? h : 1e-3 + Math.Abs(mean) * 1e-3;
    }

    private static double Distance(double[] x, double[] y)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++) sum += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.Sqrt(sum);
    }

    private static double Magnitude(double[] x) => x.Length == 1 ? x[0] : Math.Sqrt(x.Sum(v => v * v));
}
