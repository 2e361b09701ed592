using CreativeGen.Ml.Common;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>Turns generator output (B, 3, R, R) in [-1, 1] into RGB byte arrays (HWC), one per image.</summary>
public static class ImageTensors
{
    public static IReadOnlyList<byte[]> ToRgb(Tensor images)
    {
        using var scope = NewDisposeScope();
        var bytes = TorchDevice.ToHost(images.detach()).add(1.0).mul(127.5).round().clamp(0, 255).to_type(ScalarType.Byte)
            .permute(0, 2, 3, 1).contiguous(); // (B, R, R, 3)
        var count = (int)bytes.shape[0];
        var size = (int)(bytes.shape[1] * bytes.shape[2] * 3);
        var all = bytes.data<byte>().ToArray();
        return Enumerable.Range(0, count).Select(i => all.AsSpan(i * size, size).ToArray()).ToList();
    }
}
