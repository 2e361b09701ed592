using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Within-set variety: the mean RMS distance between two different images of a set, on 32x32 thumbnails in [-1, 1]
/// units. A generator that collapses to a few images per category scores far below real photos of that category.
/// </summary>
public static class Diversity
{
    public static double MeanPairwiseDistance(Tensor images)
    {
        var count = images.shape[0];
        if (count < 2) throw new ArgumentException("Diversity needs at least two images.", nameof(images));
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var thumbs = (images.shape[2] > 32 ? nn.functional.adaptive_avg_pool2d(images, [32, 32]) : images).flatten(1);
        var norms = thumbs.pow(2).sum(1);
        var squared = norms.unsqueeze(1).add(norms.unsqueeze(0)).sub(thumbs.matmul(thumbs.t()).mul(2.0)).clamp_min(0);
        var rms = squared.div(thumbs.shape[1]).sqrt();
        return rms.sum().item<float>() / (count * (count - 1)); // the diagonal is zero
    }
}
