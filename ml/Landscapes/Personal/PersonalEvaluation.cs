using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// How close a model's images of one category come to a user's held-out photos (sliced Wasserstein, ×10³), and
/// whether they copy the training photos (nearest-train distance against held-out photos' own).
/// </summary>
public static class PersonalEvaluation
{
    public sealed record Result(string Category, double SwdToVal, Memorization.Report Memorization, IReadOnlyList<byte[]> Samples);

    /// <param name="samples">Images generated, from seeds 0..samples-1 (the same for every model, so sheets compare).</param>
    public static Result Evaluate(LandscapeGeneratorNetwork generator, string category, LandscapeDataset train, LandscapeDataset val, int samples = 64)
    {
        using var scope = torch.NewDisposeScope();
        var images = Generate(generator, category, samples);
        var valImages = LandscapeDataset.ToUnitRange(val.Pixels);
        var swd = SlicedWasserstein.Distance(valImages, images).Average;
        var memorization = Memorization.Compare(images, valImages, LandscapeDataset.ToUnitRange(train.Pixels));
        return new Result(category, swd, memorization, ImageTensors.ToRgb(images));
    }

    /// <summary>The real floor: the training photos' own distance to the held-out photos.</summary>
    public static double RealFloor(LandscapeDataset train, LandscapeDataset val)
    {
        using var scope = torch.NewDisposeScope();
        return SlicedWasserstein.Distance(LandscapeDataset.ToUnitRange(val.Pixels), LandscapeDataset.ToUnitRange(train.Pixels)).Average;
    }

    private static Tensor Generate(LandscapeGeneratorNetwork generator, string category, int samples)
    {
        var index = generator.Options.CategoryIndex(category);
        var seeds = Enumerable.Range(0, samples).Select(i => (long)i).ToArray();
        var latents = LatentSampler.FromSeeds(seeds, generator.Options.LatentSize, seeds.Select(_ => 1.0));
        return GeneratorSampling.Run(generator, latents, Enumerable.Repeat((long)index, samples).ToArray());
    }
}
