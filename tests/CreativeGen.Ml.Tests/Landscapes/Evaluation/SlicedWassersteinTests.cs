using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Evaluation;

public sealed class SlicedWassersteinTests : IDisposable
{
    private readonly LandscapeTestData data = new(perCategory: 12);
    private readonly LandscapeDataset dataset;

    public SlicedWassersteinTests()
    {
        TorchRuntime.Initialize();
        dataset = data.Load(64);
    }

    [SkippableFact]
    public void Distance_IdenticalSets_IsNearZeroAndShiftedColoursAreFarther()
    {
        var images = LandscapeDataset.ToUnitRange(dataset.Pixels);
        var options = new SlicedWasserstein.Options(PatchesPerImage: 64, Directions: 128, Repeats: 2);

        var identical = SlicedWasserstein.Distance(images, images.clone(), options);
        var slightlyWarmer = SlicedWasserstein.Distance(images, Shift(images, 0.1), options);
        var muchWarmer = SlicedWasserstein.Distance(images, Shift(images, 0.4), options);

        Assert.Equal(3, identical.PerLevel.Count); // 64, 32 band-pass and the 16x16 low-pass
        Assert.InRange(identical.Average, 0, 0.5);
        Assert.True(slightlyWarmer.Average > 20 * Math.Max(identical.Average, 0.05), $"{slightlyWarmer.Average} vs {identical.Average}");
        Assert.True(muchWarmer.Average > slightlyWarmer.Average * 2, $"{muchWarmer.Average} vs {slightlyWarmer.Average}");
    }

    [SkippableFact]
    public void Distance_RealCategories_SameCategoryIsCloserThanAnother()
    {
        using var other = new LandscapeTestData(perCategory: 12, split: "val");
        using var val = other.Load(64);
        var options = new SlicedWasserstein.Options(PatchesPerImage: 64, Directions: 128, Repeats: 2);
        var forestTrain = dataset.CategoryImages(0);
        var sameCategory = SlicedWasserstein.Distance(forestTrain, val.CategoryImages(0), options).Average;
        var glacier = SlicedWasserstein.Distance(forestTrain, val.CategoryImages(1), options).Average;
        Assert.True(sameCategory < glacier, $"forest-forest {sameCategory} vs forest-glacier {glacier}");
    }

    [SkippableFact]
    public void LaplacianPyramid_SumOfUpsampledLevels_RebuildsTheImage()
    {
        var images = LandscapeDataset.ToUnitRange(dataset.Pixels[..4]);
        var levels = LaplacianPyramid.Build(images, 16);
        Assert.Equal(new long[] { 4, 3, 16, 16 }, levels[^1].shape);
        Assert.True(levels[0].abs().mean().item<float>() < images.abs().mean().item<float>(), "the finest level is band-pass");
    }

    /// <summary>Adds to red and takes from blue: a warmer colour cast.</summary>
    private static torch.Tensor Shift(torch.Tensor images, double amount) =>
        images.add(torch.tensor(new float[] { (float)amount, 0, (float)-amount }).view(1, 3, 1, 1)).clamp(-1, 1);

    public void Dispose()
    {
        dataset.Dispose();
        data.Dispose();
    }
}
