using CreativeGen.Ml.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Streaks along an image's edges, measured: for each side, the mean absolute step between the outermost line of
/// pixels and the one beside it, divided by the mean step between neighbouring lines inside the image. Photos sit near
/// 1 on every side; a generator whose convolutions pad with zeros tends to paint a line that differs from its
/// neighbour, which shows as a ratio well above the photos'.
/// </summary>
public static class BorderArtifacts
{
    public sealed record Report(double Top, double Bottom, double Left, double Right)
    {
        public double Worst => Math.Max(Math.Max(Top, Bottom), Math.Max(Left, Right));

        public override string ToString() => $"top {Top:F2} bottom {Bottom:F2} left {Left:F2} right {Right:F2}";
    }

    /// <param name="images">(N, 3, R, R), any value range; R at least 4.</param>
    public static Report Measure(Tensor images)
    {
        if (images.dim() != 4 || images.shape[2] < 4 || images.shape[3] < 4)
            throw new ArgumentException("Images must be (N, C, H, W) with sides of at least 4 pixels.", nameof(images));
        using var scope = torch.NewDisposeScope();
        var x = images.to_type(ScalarType.Float32);
        var rowSteps = x[.., .., 1.., ..].sub(x[.., .., ..^1, ..]).abs().mean([0, 1, 3]); // (H - 1): step between row i and i + 1
        var columnSteps = x[.., .., .., 1..].sub(x[.., .., .., ..^1]).abs().mean([0, 1, 2]); // (W - 1)
        var rows = TorchDevice.ToHost(rowSteps).data<float>().ToArray();
        var columns = TorchDevice.ToHost(columnSteps).data<float>().ToArray();
        var interiorRows = rows[1..^1].Average();
        var interiorColumns = columns[1..^1].Average();
        return new Report(
            Top: rows[0] / interiorRows,
            Bottom: rows[^1] / interiorRows,
            Left: columns[0] / interiorColumns,
            Right: columns[^1] / interiorColumns);
    }
}
