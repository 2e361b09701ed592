using CreativeGen.Ml.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Data;

/// <summary>
/// Decoded landscape photos held in memory as one byte tensor (N, 3, R, R) with their category labels,
/// so an epoch never decodes a JPEG again. <see cref="Batch"/> scales pixels to [-1, 1].
/// </summary>
public sealed class LandscapeDataset : IDisposable
{
    public LandscapeDataset(IReadOnlyList<string> categories, int resolution, Tensor pixels, Tensor labels, IReadOnlyList<SkippedImage> skipped)
    {
        if (pixels.dtype != ScalarType.Byte || pixels.dim() != 4 || pixels.shape[1] != 3 || pixels.shape[2] != resolution || pixels.shape[3] != resolution)
            throw new ArgumentException($"Pixels must be a byte tensor (N, 3, {resolution}, {resolution}).", nameof(pixels));
        if (labels.shape[0] != pixels.shape[0]) throw new ArgumentException("One label per image.", nameof(labels));
        Categories = categories;
        Resolution = resolution;
        Pixels = pixels;
        Labels = labels;
        Skipped = skipped;
    }

    public IReadOnlyList<string> Categories { get; }

    public int Resolution { get; }

    /// <summary>(N, 3, R, R) bytes.</summary>
    public Tensor Pixels { get; }

    /// <summary>(N) int64 category indices.</summary>
    public Tensor Labels { get; }

    public IReadOnlyList<SkippedImage> Skipped { get; }

    public int Count => (int)Pixels.shape[0];

    /// <summary>Images at <paramref name="indices"/> as floats in [-1, 1], and their labels, on the configured device (the photos stay in host memory).</summary>
    public (Tensor Images, Tensor Labels) Batch(Tensor indices)
    {
        var onHost = TorchDevice.ToHost(indices);
        return (TorchDevice.Place(ToUnitRange(Pixels.index_select(0, onHost))), TorchDevice.Place(Labels.index_select(0, onHost)));
    }

    /// <summary>All images of one category as floats in [-1, 1], on the configured device.</summary>
    public Tensor CategoryImages(int category)
    {
        var indices = torch.nonzero(Labels.eq(category)).flatten();
        return TorchDevice.Place(ToUnitRange(Pixels.index_select(0, indices)));
    }

    public int CountOf(int category) => (int)Labels.eq(category).sum().item<long>();

    public static Tensor ToUnitRange(Tensor bytes) => bytes.to_type(ScalarType.Float32).div(127.5).sub(1.0);

    public void Dispose()
    {
        Pixels.Dispose();
        Labels.Dispose();
    }
}
