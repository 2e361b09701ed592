using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Evaluation;

public sealed class MemorizationTests
{
    public MemorizationTests() => TorchRuntime.Initialize();

    [SkippableFact]
    public void Compare_GeneratorThatCopiesTrainingImages_IsFlaggedAndHeldOutImagesAreNot()
    {
        using var trainData = new LandscapeTestData(perCategory: 6);
        using var valData = new LandscapeTestData(perCategory: 6, split: "val");
        using var train = trainData.Load(32);
        using var val = valData.Load(32);
        var trainImages = LandscapeDataset.ToUnitRange(train.Pixels);
        var valImages = LandscapeDataset.ToUnitRange(val.Pixels);
        // A "generator" that returns training images, slightly noised.
        var copies = trainImages[..12].add(torch.randn(12, 3, 32, 32, generator: new torch.Generator(1)).mul(0.01));

        var copying = Memorization.Compare(copies, valImages, trainImages);
        var honest = Memorization.Compare(valImages, valImages, trainImages);

        Assert.True(copying.GeneratedMedian < 0.05, $"copies are near-duplicates: {copying.GeneratedMedian}");
        Assert.True(copying.ValMedian > 5 * copying.GeneratedMedian);
        Assert.Equal(1.0, copying.GeneratedShareBelowValFifthPercentile);
        Assert.True(honest.GeneratedShareBelowValFifthPercentile <= 0.1);
    }

    [Fact]
    public void NearestDistances_KnownPoints_AreRootMeanSquare()
    {
        var references = torch.tensor(new float[] { 0, 0, 0, 0, 1, 1, 1, 1 }, [2, 4]);
        var queries = torch.tensor(new float[] { 0.5f, 0.5f, 0.5f, 0.5f, 1, 1, 1, 3 }, [2, 4]);
        var distances = Memorization.NearestDistances(queries, references);
        Assert.Equal(0.5, distances[0], 5);
        Assert.Equal(1.0, distances[1], 5); // sqrt((0+0+0+4)/4)
    }

    [SkippableFact]
    public void Diversity_CollapsedSetScoresFarBelowRealPhotos()
    {
        using var data = new LandscapeTestData(perCategory: 5);
        using var dataset = data.Load(32);
        var real = LandscapeDataset.ToUnitRange(dataset.Pixels);
        var collapsed = real[..1].expand(20, 3, 32, 32).add(torch.randn(20, 3, 32, 32, generator: new torch.Generator(2)).mul(0.01));

        var realDiversity = Diversity.MeanPairwiseDistance(real);
        var collapsedDiversity = Diversity.MeanPairwiseDistance(collapsed);

        Assert.InRange(collapsedDiversity, 0.005, 0.03);
        Assert.True(realDiversity > 10 * collapsedDiversity, $"real {realDiversity} vs collapsed {collapsedDiversity}");
    }
}
