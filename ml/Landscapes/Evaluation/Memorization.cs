using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Nearest-training-image distances: a generator that copies its training set produces images much closer to a
/// training image than held-out real images are. Distances are root-mean-square pixel differences in [-1, 1] units on
/// 32x32 thumbnails (so a one-pixel shift does not hide a copy).
/// </summary>
public static class Memorization
{
    public sealed record Report(
        double GeneratedMedian, double GeneratedMinimum, double ValMedian, double ValMinimum,
        double ValFifthPercentile, double GeneratedShareBelowValFifthPercentile);

    public static Report Compare(Tensor generated, Tensor val, Tensor train)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var trainThumbs = Thumbnails(train);
        var generatedDistances = NearestDistances(Thumbnails(generated), trainThumbs);
        var valDistances = NearestDistances(Thumbnails(val), trainThumbs);
        var valFifth = Quantile(valDistances, 0.05);
        return new Report(
            Quantile(generatedDistances, 0.5), generatedDistances.Min(),
            Quantile(valDistances, 0.5), valDistances.Min(),
            valFifth, generatedDistances.Count(d => d < valFifth) / (double)generatedDistances.Length);
    }

    /// <summary>For each query row, the RMS distance to the closest reference row.</summary>
    public static double[] NearestDistances(Tensor queries, Tensor references)
    {
        using var scope = torch.NewDisposeScope();
        var dimensions = queries.shape[1];
        var referenceNorms = references.pow(2).sum(1); // (M)
        var result = new List<double>();
        for (long start = 0; start < queries.shape[0]; start += 256)
        {
            var chunk = queries[(int)start..(int)Math.Min(start + 256, queries.shape[0])];
            var squared = chunk.pow(2).sum(1, keepdim: true).add(referenceNorms).sub(chunk.matmul(references.t()).mul(2.0)); // (Q, M)
            var nearest = squared.min(1).values.clamp_min(0).div(dimensions).sqrt();
            result.AddRange(nearest.data<float>().ToArray().Select(v => (double)v));
        }
        return result.ToArray();
    }

    private static Tensor Thumbnails(Tensor images)
    {
        var side = images.shape[2];
        var small = side > 32 ? nn.functional.adaptive_avg_pool2d(images, [32, 32]) : images;
        return small.flatten(1);
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
