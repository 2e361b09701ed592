using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Training;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

public sealed class LandscapeTrainerTests : IDisposable
{
    private readonly LandscapeTestData data = new(perCategory: 4);
    private readonly LandscapeDataset dataset;
    private readonly string output = Directory.CreateTempSubdirectory("creativegen-train-").FullName;

    public LandscapeTrainerTests()
    {
        TorchRuntime.Initialize();
        dataset = data.Load(16);
    }

    [SkippableFact]
    public void Resume_FromCheckpointMidRun_ContinuesExactlyAsAnUninterruptedRun()
    {
        using var straight = TinyLandscapeModels.Trainer();
        for (var i = 0; i < 4; i++) straight.TrainStep(dataset);

        var path = Path.Combine(output, "train.ckpt");
        using (var first = TinyLandscapeModels.Trainer())
        {
            first.TrainStep(dataset);
            first.TrainStep(dataset);
            first.Save(path);
        }
        using var resumed = LandscapeTrainer.Resume(path);
        Assert.Equal(2, resumed.Step);
        resumed.TrainStep(dataset);
        resumed.TrainStep(dataset);

        AssertSameWeights(straight.Generator, resumed.Generator);
        AssertSameWeights(straight.Ema, resumed.Ema);
        AssertSameWeights(straight.Discriminator, resumed.Discriminator);
    }

    [SkippableFact]
    public void TrainingRun_FewSteps_WritesCheckpointsAndContactSheetsAndMovesTheWeights()
    {
        using var trainer = TinyLandscapeModels.Trainer();
        var before = trainer.Ema.parameters().Select(p => p.detach().clone()).ToList();
        var run = new TrainingRunOptions(output, totalSteps: 4, checkpointEvery: 2, sheetColumns: 3);
        var reports = new List<TrainingProgress>();

        LandscapeTrainingRun.Run(trainer, dataset, run, new Collect(reports));

        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.True(float.IsFinite(r.DiscriminatorLoss) && float.IsFinite(r.GeneratorLoss) && r.StepsPerSecond > 0));
        Assert.Equal(2, reports.Count(r => r.CheckpointWritten is not null));
        Assert.True(File.Exists(run.TrainingCheckpointPath) && File.Exists(run.ModelPath));
        foreach (var step in new[] { 2, 4 })
        {
            using var sheet = SKBitmap.Decode(run.SheetPath(step));
            Assert.Equal(3 * 16 + 4 * 2, sheet.Width); // 3 columns, 2-pixel gutters
            Assert.Equal(4 * 16 + 5 * 2, sheet.Height); // one row per category
        }
        Assert.Contains(trainer.Ema.parameters().Zip(before), pair => !pair.First.allclose(pair.Second));
        Assert.True(new FileInfo(run.ModelPath).Length < new FileInfo(run.TrainingCheckpointPath).Length / 2, "the model file holds only the EMA generator");
    }

    [SkippableFact]
    public void Resume_BalancedRecipe_KeepsTwoDiscriminatorStepsAndNoCutout()
    {
        var path = Path.Combine(output, "balanced.ckpt");
        using (var first = new LandscapeTrainer(TinyLandscapeModels.Options(), GanTrainingOptions.LandscapeBalanced(batchSize: 8)))
        {
            var (d, g) = first.TrainStep(dataset);
            Assert.True(float.IsFinite(d) && float.IsFinite(g));
            first.Save(path);
        }
        using var resumed = LandscapeTrainer.Resume(path);
        Assert.Equal(2, resumed.Training.DiscriminatorSteps);
        Assert.False(resumed.Training.Cutout);
        Assert.Equal(GanTrainingOptions.LandscapeBalanced(batchSize: 8), resumed.Training);
    }

    [SkippableFact]
    public void Resume_MinibatchStdAndModeSeeking_ContinuesExactlyAndKeepsTheOptions()
    {
        var model = new LandscapeModelOptions(LandscapeTestData.Categories, resolution: 16, latentSize: 16, baseWidth: 8, embeddingSize: 8, minibatchStdDevGroup: 4);
        var training = GanTrainingOptions.Landscape(batchSize: 8).With(modeSeekingWeight: 1.0);
        using var straight = new LandscapeTrainer(model, training);
        for (var i = 0; i < 3; i++) straight.TrainStep(dataset);

        var path = Path.Combine(output, "diverse.ckpt");
        using (var first = new LandscapeTrainer(model, training))
        {
            first.TrainStep(dataset);
            first.Save(path);
        }
        using var resumed = LandscapeTrainer.Resume(path);
        Assert.Equal(4, resumed.Model.MinibatchStdDevGroup);
        Assert.Equal(training, resumed.Training);
        Assert.Contains(resumed.Discriminator.modules(), m => m is MinibatchStdDev);
        resumed.TrainStep(dataset);
        resumed.TrainStep(dataset);

        AssertSameWeights(straight.Generator, resumed.Generator);
        AssertSameWeights(straight.Ema, resumed.Ema);
        AssertSameWeights(straight.Discriminator, resumed.Discriminator);
    }

    /// <summary>
    /// With oneDNN's AVX kernels and two threads, a discriminator with a minibatch-deviation channel trained to other
    /// weights on 6 of 8 identical runs; the same seed must give the same weights every time.
    /// </summary>
    [SkippableFact]
    public void TrainStep_SameSeedFiveTimes_SameWeightsEveryTime()
    {
        var model = new LandscapeModelOptions(LandscapeTestData.Categories, resolution: 16, latentSize: 16, baseWidth: 8, embeddingSize: 8, minibatchStdDevGroup: 4);
        var training = GanTrainingOptions.Landscape(batchSize: 8).With(modeSeekingWeight: 1.0);
        using var first = new LandscapeTrainer(model, training);
        for (var i = 0; i < 3; i++) first.TrainStep(dataset);

        for (var run = 0; run < 4; run++)
        {
            using var again = new LandscapeTrainer(model, training);
            for (var i = 0; i < 3; i++) again.TrainStep(dataset);
            AssertSameWeights(first.Generator, again.Generator);
            AssertSameWeights(first.Discriminator, again.Discriminator);
        }
    }

    [SkippableFact]
    public void ExportRawModel_WritesTheRawGeneratorAndLeavesTrainingUntouched()
    {
        using var trainer = TinyLandscapeModels.Trainer();
        trainer.TrainStep(dataset);
        trainer.TrainStep(dataset);
        var before = trainer.Generator.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        var path = Path.Combine(output, "raw.ckpt");

        trainer.ExportRawModel(path);

        using var raw = CreativeGen.Ml.Landscapes.LandscapeModelLoader.LoadModel(path);
        var rawState = raw.Network.state_dict();
        foreach (var (name, parameter) in trainer.Generator.named_parameters())
            TensorAssert.Identical(parameter, rawState[name], name);
        Assert.Contains(trainer.Ema.named_parameters(), p => !p.parameter.equal(rawState[p.name]).all().item<bool>());
        foreach (var (name, tensor) in trainer.Generator.state_dict()) TensorAssert.Identical(before[name], tensor, name);
    }

    [SkippableFact]
    public void TrainStep_BaselineRecipe_TrainsTheTransposedDcgan()
    {
        using var trainer = new LandscapeTrainer(TinyLandscapeModels.Options(LandscapeArchitecture.TransposedDcgan), GanTrainingOptions.SeedBaseline(batchSize: 8));
        var (d, g) = trainer.TrainStep(dataset);
        Assert.True(float.IsFinite(d) && float.IsFinite(g));
        AssertSameWeights(trainer.Generator, trainer.Ema); // no averaging in the seed recipe
    }

    [SkippableFact]
    public void Resume_ModelFileInsteadOfTrainingCheckpoint_SaysWhatIsNeeded()
    {
        using var trainer = TinyLandscapeModels.Trainer();
        trainer.TrainStep(dataset);
        var run = new TrainingRunOptions(output, 1, 1);
        trainer.Save(run.TrainingCheckpointPath, run.ModelPath);
        var error = Assert.Throws<InvalidDataException>(() => LandscapeTrainer.Resume(run.ModelPath));
        Assert.Contains("training checkpoint", error.Message);
    }

    private static void AssertSameWeights(nn.Module expected, nn.Module actual)
    {
        var actualState = actual.state_dict();
        foreach (var (name, tensor) in expected.state_dict())
            TensorAssert.Identical(tensor, actualState[name], name);
    }

    private sealed class Collect(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }

    public void Dispose()
    {
        dataset.Dispose();
        data.Dispose();
        Directory.Delete(output, recursive: true);
    }
}
