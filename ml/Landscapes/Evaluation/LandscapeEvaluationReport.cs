namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>Everything `creativegen landscape eval` measures. SWD values are ×10³, lower is closer.</summary>
public sealed record LandscapeEvaluationReport
{
    public required string Model { get; init; }
    public required string ModelVersion { get; init; }
    public required long TrainedSteps { get; init; }
    public required double TrainingCpuSeconds { get; init; }
    public required int GeneratedPerCategory { get; init; }
    public required string[] Categories { get; init; }

    /// <summary>SWD(real val images of c, generated c), average over pyramid levels.</summary>
    public required double[] SwdPerCategory { get; init; }

    /// <summary>SWD(all val images, all generated images).</summary>
    public required double SwdOverall { get; init; }

    /// <summary>SWD per pyramid level (finest first) of the overall comparison.</summary>
    public required double[] SwdOverallPerLevel { get; init; }

    /// <summary>Real-vs-real floor: SWD(val images of c, as many train images of c); null without a train set.</summary>
    public double[]? SwdRealFloorPerCategory { get; init; }

    /// <summary>Consistency[g][r] = SWD(real val images of r, generated images asked to be g).</summary>
    public required double[][] Consistency { get; init; }

    /// <summary>Categories whose generated images are closest (by SWD) to their own real category.</summary>
    public int ConsistentCategories => Consistency.Select((row, g) => Array.IndexOf(row, row.Min()) == g).Count(ok => ok);

    /// <summary>Mean pairwise RMS distance (32x32 thumbnails) within the generated images of each category.</summary>
    public required double[] GeneratedDiversityPerCategory { get; init; }

    /// <summary>The same within the real val images of each category: what variety looks like.</summary>
    public required double[] RealDiversityPerCategory { get; init; }

    public double? ClassifierValAccuracy { get; init; }
    public double[]? ClassifierAgreementPerCategory { get; init; }
    public double? ClassifierAgreement { get; init; }
    public Memorization.Report? Memorization { get; init; }

    /// <summary>Edge streaks: outermost-line step over interior step, per side, for the generated images.</summary>
    public BorderArtifacts.Report? GeneratedBorders { get; init; }

    /// <summary>The same for the real val images: what clean edges look like.</summary>
    public BorderArtifacts.Report? RealBorders { get; init; }
}
