using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Laplacian pyramid (Burt and Adelson 1983) with the 5-tap binomial kernel: band-pass levels from full resolution
/// down to <c>minimumResolution</c>, whose level is the remaining low-pass image (as in Karras et al. 2018, 16x16).
/// </summary>
public static class LaplacianPyramid
{
    /// <param name="images">(B, C, R, R)</param>
    /// <returns>Levels, finest first: (B, C, R, R), (B, C, R/2, R/2), ..., the last one low-pass.</returns>
    public static IReadOnlyList<Tensor> Build(Tensor images, int minimumResolution = 16)
    {
        var levels = new List<Tensor>();
        var current = images;
        while (current.shape[2] > minimumResolution && current.shape[2] % 2 == 0)
        {
            var smaller = Downsample(current);
            levels.Add(current.sub(Upsample(smaller)));
            current = smaller;
        }
        levels.Add(current);
        return levels;
    }

    private static Tensor Kernel(long channels, Device device)
    {
        var taps = torch.tensor(new float[] { 1, 4, 6, 4, 1 }, device: device).div(16.0);
        return taps.outer(taps).expand(channels, 1, 5, 5).contiguous(); // (C, 1, 5, 5) depthwise
    }

    private static Tensor Blur(Tensor x, double gain = 1.0)
    {
        var padded = nn.functional.pad(x, [2, 2, 2, 2], PaddingModes.Reflect);
        return nn.functional.conv2d(padded, Kernel(x.shape[1], x.device).mul(gain), groups: x.shape[1]);
    }

    private static Tensor Downsample(Tensor x) => Blur(x)[.., .., TensorIndex.Slice(0, null, 2), TensorIndex.Slice(0, null, 2)];

    private static Tensor Upsample(Tensor x)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var spread = torch.zeros(b, c, h * 2, w * 2, dtype: x.dtype, device: x.device);
        spread[.., .., TensorIndex.Slice(0, null, 2), TensorIndex.Slice(0, null, 2)] = x;
        return Blur(spread, 4.0);
    }
}
