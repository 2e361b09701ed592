using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using CreativeGen.Ml.Landscapes.Training;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

/// <summary>A run's generator padding is kept in its files and can be switched when it resumes.</summary>
public sealed class GeneratorPaddingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cg-padding-").FullName;

    public GeneratorPaddingTests() => TorchRuntime.Initialize();

    [Fact]
    public void Resume_SwitchingAZeroPaddedRunToReflection_KeepsItsWeightsAndWritesTheNewPadding()
    {
        var trainingPath = Path.Combine(folder, "train.ckpt");
        var modelPath = Path.Combine(folder, "model.ckpt");
        using var zeros = TinyLandscapeModels.Trainer();
        Assert.Equal(GeneratorPadding.Zeros, zeros.Model.GeneratorPadding);
        zeros.Save(trainingPath, modelPath);
        using var asSaved = LandscapeModelLoader.LoadModel(modelPath);
        var zeroPadded = asSaved.GenerateRgb([new LandscapeRequest(asSaved.Categories[0], 5)])[0];

        using var switched = LandscapeTrainer.Resume(trainingPath, GeneratorPadding.Reflect);
        switched.Save(trainingPath, modelPath);
        using var reloaded = LandscapeModelLoader.LoadModel(modelPath);
        using var resumedAgain = LandscapeTrainer.Resume(trainingPath);

        Assert.Equal(GeneratorPadding.Reflect, switched.Model.GeneratorPadding);
        Assert.Equal(GeneratorPadding.Reflect, reloaded.Network.Options.GeneratorPadding);
        Assert.Equal(GeneratorPadding.Reflect, resumedAgain.Model.GeneratorPadding);
        var before = zeros.Generator.state_dict();
        foreach (var (name, tensor) in switched.Generator.state_dict())
            Assert.True(tensor.eq(before[name]).all().item<bool>(), $"{name} changed when the padding was switched");
        var reflected = reloaded.GenerateRgb([new LandscapeRequest(reloaded.Categories[0], 5)])[0];
        Assert.NotEqual(zeroPadded, reflected); // same weights, other edges
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
