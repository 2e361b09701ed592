using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// The mode-seeking regularizer of Mao et al. (2019): for two latents of the same category, the generator is rewarded
/// for images that differ in proportion to how much the latents differ. The batch is laid out as pairs: image i and
/// image i + ⌊B/2⌋ share a category (an odd batch's last image has no partner).
/// </summary>
public static class ModeSeeking
{
    private const double Epsilon = 1e-5;

    /// <summary>(B) categories where the second half repeats the first: [c0 .. c(p−1), c0 .. c(p−1), (last if odd)].</summary>
    public static Tensor PairedLabels(Tensor labels)
    {
        var pairs = labels.shape[0] / 2;
        if (pairs == 0) return labels;
        var first = labels[..(int)pairs];
        return torch.cat([first, first, labels[(int)(2 * pairs)..]], 0);
    }

    /// <summary>
    /// 1 / (mean|x_i − x_(i+p)| / mean|z_i − z_(i+p)| + ε) over the p pairs, to be minimized. Small when paired images
    /// differ a lot for their latents' difference; large for a collapsed generator.
    /// </summary>
    /// <param name="images">(B, 3, R, R) generated from <paramref name="latents"/> with <see cref="PairedLabels"/></param>
    /// <param name="latents">(B, L)</param>
    public static Tensor Penalty(Tensor images, Tensor latents)
    {
        var pairs = (int)(images.shape[0] / 2);
        if (pairs == 0) throw new ArgumentException("Mode seeking needs at least two images.", nameof(images));
        var imageDistance = images[..pairs].sub(images[pairs..(2 * pairs)]).abs().mean();
        var latentDistance = latents[..pairs].sub(latents[pairs..(2 * pairs)]).abs().mean();
        return imageDistance.div(latentDistance).add(Epsilon).reciprocal();
    }
}
