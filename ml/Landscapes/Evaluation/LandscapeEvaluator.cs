using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Generates images of every category and compares them with real images: SWD per category and overall, category
/// consistency, classifier agreement and nearest-training-image distances.
/// </summary>
public static class LandscapeEvaluator
{
    public static LandscapeEvaluationReport Evaluate(
        LandscapeModel model,
        LandscapeDataset val,
        LandscapeDataset? train = null,
        LandscapeClassifier? classifier = null,
        double? classifierValAccuracy = null,
        int perCategory = 150,
        long firstSeed = 1_000_000,
        Action<string>? log = null)
    {
        if (perCategory < 2) throw new ArgumentOutOfRangeException(nameof(perCategory), perCategory, "At least two images per category.");
        if (!val.Categories.Select(c => c.ToLowerInvariant()).SequenceEqual(model.Categories.Select(c => c.ToLowerInvariant())))
            throw new ArgumentException($"The data's categories ({string.Join(", ", val.Categories)}) differ from the model's ({string.Join(", ", model.Categories)}).");
        if (val.Resolution != model.Resolution) throw new ArgumentException($"The data is {val.Resolution}px, the model paints {model.Resolution}px.");
        using var scope = torch.NewDisposeScope();
        var categories = model.Categories;
        var generated = new List<Tensor>();
        for (var c = 0; c < categories.Count; c++)
        {
            log?.Invoke($"generating {perCategory} {categories[c]} images");
            generated.Add(Generate(model, categories[c], perCategory, firstSeed + c * 100_000L));
        }
        var real = Enumerable.Range(0, categories.Count).Select(val.CategoryImages).ToList();

        log?.Invoke("sliced Wasserstein distances");
        var perCategorySwd = Enumerable.Range(0, categories.Count).Select(c => SlicedWasserstein.Distance(real[c], generated[c]).Average).ToArray();
        var overall = SlicedWasserstein.Distance(torch.cat(real, 0), torch.cat(generated, 0));
        var consistency = Enumerable.Range(0, categories.Count)
            .Select(g => Enumerable.Range(0, categories.Count).Select(r => g == r ? perCategorySwd[g] : SlicedWasserstein.Distance(real[r], generated[g]).Average).ToArray())
            .ToArray();

        double[]? floor = null;
        Memorization.Report? memorization = null;
        if (train is not null)
        {
            log?.Invoke("real-vs-real floor and nearest training images");
            floor = Enumerable.Range(0, categories.Count).Select(c =>
            {
                var trainImages = train.CategoryImages(c);
                var n = Math.Min(trainImages.shape[0], real[c].shape[0]);
                return SlicedWasserstein.Distance(real[c], trainImages[..(int)n]).Average;
            }).ToArray();
            memorization = Memorization.Compare(torch.cat(generated, 0), torch.cat(real, 0), LandscapeDataset.ToUnitRange(train.Pixels));
        }

        double[]? agreement = null;
        if (classifier is not null)
        {
            log?.Invoke("classifying generated images");
            agreement = Enumerable.Range(0, categories.Count)
                .Select(c => ClassifierTraining.Predict(classifier, generated[c]).Count(p => p == c) / (double)perCategory).ToArray();
        }

        return new LandscapeEvaluationReport
        {
            Model = model.ModelName,
            ModelVersion = model.ModelVersion,
            TrainedSteps = model.TrainedSteps,
            TrainingCpuSeconds = model.TrainingCpuSeconds,
            GeneratedPerCategory = perCategory,
            Categories = categories.ToArray(),
            SwdPerCategory = perCategorySwd,
            SwdOverall = overall.Average,
            SwdOverallPerLevel = overall.PerLevel.ToArray(),
            SwdRealFloorPerCategory = floor,
            Consistency = consistency,
            GeneratedDiversityPerCategory = generated.Select(Diversity.MeanPairwiseDistance).ToArray(),
            RealDiversityPerCategory = real.Select(Diversity.MeanPairwiseDistance).ToArray(),
            ClassifierValAccuracy = classifierValAccuracy,
            ClassifierAgreementPerCategory = agreement,
            ClassifierAgreement = agreement?.Average(),
            Memorization = memorization,
            GeneratedBorders = BorderArtifacts.Measure(torch.cat(generated, 0)),
            RealBorders = BorderArtifacts.Measure(torch.cat(real, 0)),
        };
    }

    /// <summary>(count, 3, R, R) in [-1, 1] for one category, generated 64 at a time from seeds firstSeed, firstSeed+1, ...</summary>
    public static Tensor Generate(LandscapeModel model, string category, int count, long firstSeed)
    {
        var batches = new List<Tensor>();
        for (var start = 0; start < count; start += 64)
        {
            var requests = Enumerable.Range(start, Math.Min(64, count - start)).Select(i => new LandscapeRequest(category, firstSeed + i)).ToList();
            var latents = LatentSampler.FromSeeds(requests.Select(r => r.Seed), model.Network.Options.LatentSize, requests.Select(r => r.Truncation));
            var index = model.Network.Options.CategoryIndex(category);
            batches.Add(GeneratorSampling.Run(model.Network, latents, Enumerable.Repeat((long)index, requests.Count).ToArray()));
        }
        return torch.cat(batches, 0);
    }
}
