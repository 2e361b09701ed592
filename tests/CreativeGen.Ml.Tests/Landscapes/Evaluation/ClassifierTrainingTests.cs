using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;

namespace CreativeGen.Ml.Tests.Landscapes.Evaluation;

public sealed class ClassifierTrainingTests
{
    public ClassifierTrainingTests() => TorchRuntime.Initialize();

    [SkippableFact]
    public void Train_FewRealPhotos_LossFallsAndSavedClassifierPredictsTheSame()
    {
        using var data = new LandscapeTestData(perCategory: 8);
        using var dataset = data.Load(32);
        var losses = new List<double>();
        using var model = ClassifierTraining.Train(dataset, epochs: 6, batchSize: 16, onEpoch: (_, loss) => losses.Add(loss));

        Assert.Equal(6, losses.Count);
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]:F3} -> {losses[^1]:F3}");
        var path = Path.Combine(data.Folder, "classifier.ckpt");
        ClassifierTraining.Save(path, model, new ClassifierTraining.Header(dataset.Categories.ToArray(), 32, 32, 6, 0.5));
        var (loaded, header) = ClassifierTraining.Load(path);
        using (loaded)
        {
            var images = LandscapeDataset.ToUnitRange(dataset.Pixels);
            Assert.Equal(ClassifierTraining.Predict(model, images), ClassifierTraining.Predict(loaded, images));
            Assert.Equal(dataset.Categories, header.Categories);
        }
        Assert.Throws<InvalidDataException>(() => ClassifierTraining.Load(Directory.GetFiles(data.CategoryFolder("sea"))[0]));
    }
}
