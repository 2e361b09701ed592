using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Evaluation;

public sealed class BorderArtifactsTests
{
    public BorderArtifactsTests() => TorchRuntime.Initialize();

    [SkippableFact]
    public void Measure_RealPhotos_EdgesLookLikeTheInterior_AndAPaintedStreakStandsOut()
    {
        using var data = new LandscapeTestData(perCategory: 10);
        using var dataset = data.Load(64);
        using var photos = LandscapeDataset.ToUnitRange(dataset.Pixels);

        var clean = BorderArtifacts.Measure(photos);
        Assert.InRange(clean.Worst, 0.5, 1.6);

        // A dark line along the bottom and a bright one along the right edge, as zero-padded convolutions paint them.
        using var streaked = photos.clone();
        streaked[.., .., -1, ..] = torch.tensor(-1f);
        streaked[.., .., .., -1] = torch.tensor(1f);
        var report = BorderArtifacts.Measure(streaked);
        Assert.True(report.Bottom > 2 * clean.Bottom, $"bottom {report.Bottom:F2} vs clean {clean.Bottom:F2}");
        Assert.True(report.Right > 2 * clean.Right, $"right {report.Right:F2} vs clean {clean.Right:F2}");
        Assert.InRange(report.Top - clean.Top, -0.05, 0.05); // untouched side: only the painted column shifts it
    }
}
