using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Personal;

namespace CreativeGen.Ml.Tests.Landscapes.Personal;

/// <summary>
/// The shipped model fine-tuned for a few steps on the 50 real street photos gets closer to the 50 held-out ones than
/// the base model's nearest category (the full 1/5/10 CPU-minute curve is bench/personal/run.sh).
/// </summary>
public sealed class StreetFineTuneTests
{
    [SkippableFact]
    public void FewSteps_OnStreetPhotos_LowerSwdToHeldOutPhotos()
    {
        var street = Path.Combine(TestData.RequireSharedData(), "landscapes", "fewshot", "street");
        TorchRuntime.Initialize();
        var run = Directory.CreateTempSubdirectory("creativegen-street-").FullName;
        try
        {
            using var train = PersonalPhotoSet.Load(Path.Combine(street, "train"), 64);
            using var val = PersonalPhotoSet.Load(Path.Combine(street, "val"), 64);
            using var baseModel = LandscapeModelLoader.LoadModel(DefaultModels.LandscapePath);
            var baseBest = baseModel.Categories.Min(c => PersonalEvaluation.Evaluate(baseModel.Network, c, train, val, 32).SwdToVal);

            using var fineTune = PersonalFineTune.Start(DefaultModels.LandscapePath, BaseDiscriminatorFile.DefaultPath, train, run, PersonalFineTuneOptions.Default);
            fineTune.Run(train, maxSteps: 16);
            var personal = PersonalEvaluation.Evaluate(fineTune.Trainer.Ema, PersonalCategory.Name, train, val, 32);

            Assert.True(personal.SwdToVal < 0.85 * baseBest, $"personal SWD {personal.SwdToVal:F1} should be well below the base model's best category ({baseBest:F1})");
            Assert.True(personal.Memorization.GeneratedMedian > 0.5 * personal.Memorization.ValMedian, "images should not be copies of the training photos");
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }
}
