using SkiaSharp;

namespace CreativeGen.Ml.Landscapes.Imaging;

/// <summary>Decodes a photo, centre-crops it to a square and resizes it to an RGB byte array (HWC, 3 bytes a pixel).</summary>
public static class SquareImage
{
    /// <summary>
    /// Decodes <paramref name="bytes"/> and returns <paramref name="resolution"/>² RGB pixels, row-major.
    /// Throws <see cref="InvalidDataException"/> naming the reason when the bytes are not a decodable image.
    /// </summary>
    public static byte[] DecodeRgb(byte[] bytes, int resolution)
    {
        if (resolution < 4) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be at least 4.");
        if (bytes.Length == 0) throw new InvalidDataException("the file is empty");

        using var stream = new SKMemoryStream(bytes);
        using var codec = SKCodec.Create(stream, out var codecResult)
            ?? throw new InvalidDataException($"not a recognised image format ({codecResult})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (info.Width < 1 || info.Height < 1) throw new InvalidDataException("the image has no pixels");
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? "the image data is truncated"
                : $"the image could not be decoded ({result})");
        return CropAndResize(decoded, resolution);
    }

    private static byte[] CropAndResize(SKBitmap source, int resolution)
    {
        var side = Math.Min(source.Width, source.Height);
        var left = (source.Width - side) / 2;
        var top = (source.Height - side) / 2;
        using var image = SKImage.FromBitmap(source);
        using var cropped = image.Subset(SKRectI.Create(left, top, side, side))
            ?? throw new InvalidDataException("the image could not be cropped");

        // Downscaling: trilinear mipmaps avoid aliasing; upscaling: Mitchell cubic keeps edges clean.
        var sampling = side > resolution
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        var targetInfo = new SKImageInfo(resolution, resolution, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var target = new SKBitmap(targetInfo);
        using (var pixmap = target.PeekPixels())
        {
            if (!cropped.ScalePixels(pixmap, sampling))
                throw new InvalidDataException("the image could not be resized");
        }

        var rgba = target.Bytes;
        var rgb = new byte[resolution * resolution * 3];
        for (int pixel = 0, i = 0; pixel < rgb.Length; pixel += 3, i += 4)
        {
            rgb[pixel] = rgba[i];
            rgb[pixel + 1] = rgba[i + 1];
            rgb[pixel + 2] = rgba[i + 2];
        }
        return rgb;
    }
}
