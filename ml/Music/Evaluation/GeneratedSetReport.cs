namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>Summary of a distribution of shared-run lengths.</summary>
public sealed record RunDistribution(double Median, double P90, int Max, double MeanFractionOfPiece, IReadOnlyList<int> Values)
{
    public static RunDistribution Of(IReadOnlyList<SharedRun> runs)
    {
        var sorted = runs.Select(r => r.Length).Order().ToArray();
        if (sorted.Length == 0) return new RunDistribution(0, 0, 0, 0, []);
        return new RunDistribution(Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[^1],
            runs.Average(r => r.PieceLength == 0 ? 0 : (double)r.Length / r.PieceLength), sorted);
    }

    private static double Percentile(int[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}

/// <summary>Statistics and originality of a generated set against a reference set and the training set.</summary>
public sealed record GeneratedSetReport(
    int GeneratedPieces,
    int ReferencePieces,
    double SegmentSeconds,
    IReadOnlyList<FeatureComparison> Features,
    RunDistribution PitchRuns,
    RunDistribution PitchDurationRuns,
    RunDistribution? ReferencePitchRuns,
    RunDistribution? ReferencePitchDurationRuns,
    RepetitionStructure.SetSummary? Structure = null,
    RepetitionStructure.SetSummary? ReferenceStructure = null);
