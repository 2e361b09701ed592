using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Re-estimates the batch-norm statistics of a generator from its own activations ("standing statistics", Brock et al.
/// 2019). The EMA generator otherwise carries the raw generator's running statistics, which belong to other weights:
/// its eval-mode samples then lose contrast and variety.
/// </summary>
public static class StandingStatistics
{
    public static void Recalibrate(LandscapeGeneratorNetwork generator, int batches = 16, int batchSize = 64, long seed = 42)
    {
        var norms = generator.modules().OfType<BatchNorm2d>().ToList();
        if (norms.Count == 0) return;
        var categories = generator.Options.Categories.Count;
        var wasTraining = generator.training;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator((ulong)seed);
        foreach (var norm in norms) norm.reset_running_stats();
        generator.train();
        try
        {
            for (var batch = 0; batch < batches; batch++)
            {
                foreach (var norm in norms) norm.momentum = 1.0 / (batch + 1); // cumulative average over the batches
                var latents = TorchDevice.Place(torch.randn([batchSize, generator.Options.LatentSize], generator: random));
                var labels = TorchDevice.Place(torch.arange(batchSize, dtype: ScalarType.Int64).remainder(categories));
                generator.forward(latents, generator.OneHot(labels));
            }
        }
        finally
        {
            foreach (var norm in norms) norm.momentum = 0.1;
            if (!wasTraining) generator.eval();
        }
    }
}
