using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

public sealed class StandingStatisticsTests
{
    public StandingStatisticsTests() => TorchRuntime.Initialize();

    [SkippableFact]
    public void Recalibrate_EmaWithForeignStatistics_EvalOutputMatchesItsOwnBatchStatistics()
    {
        using var data = new LandscapeTestData(perCategory: 4);
        using var dataset = data.Load(16);
        using var trainer = TinyLandscapeModels.Trainer();
        for (var i = 0; i < 3; i++) trainer.TrainStep(dataset);
        var ema = trainer.Ema;

        // The same draws the recalibration makes with one batch: seed 42, 64 latents, categories 0, 1, 2, 3, 0, ...
        torch.Tensor latents, weights;
        using (var random = new torch.Generator(42))
            latents = torch.randn([64, 16], generator: random);
        weights = ema.OneHot(torch.arange(64, dtype: torch.ScalarType.Int64).remainder(4));
        using var noGrad = torch.no_grad();
        ema.train();
        var ownStatistics = ema.forward(latents, weights);
        ema.eval();
        var before = ema.forward(latents, weights).sub(ownStatistics).abs().max().item<float>();

        StandingStatistics.Recalibrate(ema, batches: 1, batchSize: 64, seed: 42);
        var after = ema.forward(latents, weights).sub(ownStatistics).abs().max().item<float>();

        Assert.False(ema.training);
        Assert.True(after < 0.05, $"after recalibration eval output is within {after} of batch-statistics output");
        Assert.True(after < before / 2, $"before {before}, after {after}");
    }
}
