using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Training;

namespace CreativeGen.Ml.Tests.Landscapes;

/// <summary>Tiny landscape GANs (16x16, width 8) that train in well under a second a step on real photos.</summary>
public static class TinyLandscapeModels
{
    public static LandscapeModelOptions Options(LandscapeArchitecture architecture = LandscapeArchitecture.Projection) =>
        new(LandscapeTestData.Categories, resolution: 16, latentSize: 16, baseWidth: 8, embeddingSize: 8, architecture: architecture);

    public static LandscapeTrainer Trainer(long seed = 1) => new(Options(), GanTrainingOptions.Landscape(batchSize: 8, seed: seed));
}
