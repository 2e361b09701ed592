using System.Diagnostics;
using CreativeGen.Ml.Landscapes.Sampling;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>Measures generation throughput of a loaded model: images per second at a batch size, median of several rounds.</summary>
public static class GenerationSpeed
{
    public sealed record Result(int BatchSize, double MedianImagesPerSecond, double MedianPngImagesPerSecond, int Rounds);

    /// <summary>
    /// Runs <paramref name="rounds"/> timed rounds (after one warm-up) of batched generation, each as many batches as fit in
    /// about <paramref name="secondsPerRound"/>: raw pixels (the forward pass and conversion to bytes) and full PNG encoding.
    /// </summary>
    public static Result Measure(LandscapeModel model, int batchSize, int rounds = 5, double secondsPerRound = 1.0)
    {
        if (batchSize is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be in [1, 4096].");
        var requests = Enumerable.Range(0, batchSize).Select(i => new LandscapeRequest(model.Categories[i % model.Categories.Count], 1000 + i)).ToList();
        model.GenerateRgb(requests); // warm-up
        var raw = new List<double>();
        var png = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            raw.Add(Rate(() => model.GenerateRgb(requests), batchSize, secondsPerRound));
            png.Add(Rate(() => model.GeneratePng(requests), batchSize, secondsPerRound));
        }
        return new Result(batchSize, Median(raw), Median(png), rounds);
    }

    private static double Rate(Action generate, int batchSize, double seconds)
    {
        var clock = Stopwatch.StartNew();
        var images = 0;
        do
        {
            generate();
            images += batchSize;
        } while (clock.Elapsed.TotalSeconds < seconds);
        return images / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
