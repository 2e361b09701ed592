using SkiaSharp;

namespace CreativeGen.Ml.Landscapes.Imaging;

/// <summary>
/// Decodes a photo, centre-crops it to a square and resizes it to an RGB byte array (HWC, 3 bytes a pixel). The
/// size is read from the header before any pixel memory is allocated, so a file claiming a huge size (a 62-byte PNG
/// can claim 65535x65535) is rejected with a reason instead of exhausting memory.
/// </summary>
public static class SquareImage
{
    /// <summary>
    /// Largest image accepted: 50 megapixels (e.g. 8660x5773), more than any camera photo a landscape set needs.
    /// A full decode of that needs about 200 MB of RGBA plus the crop; anything larger is skipped as suspect.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>
    /// Above this many pixels (64 MB of RGBA) an image is decoded downscaled where its codec can (JPEG: in 1/8
    /// steps, during decoding), keeping the short side at least the target resolution. Below it nothing changes,
    /// so ordinary photos decode to exactly the pixels they always did. PNG cannot be scaled while decoding and is
    /// decoded at full size, which <see cref="MaxPixels"/> bounds.
    /// </summary>
    public const long FullDecodePixels = 16_000_000;

    /// <summary>
    /// Decodes <paramref name="bytes"/> and returns <paramref name="resolution"/>² RGB pixels, row-major.
    /// Throws <see cref="InvalidDataException"/> naming the reason when the bytes are not a decodable image or the
    /// header claims more than <see cref="MaxPixels"/>.
    /// </summary>
    public static byte[] DecodeRgb(byte[] bytes, int resolution)
    {
        if (resolution < 4) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be at least 4.");
        if (bytes.Length == 0) throw new InvalidDataException("the file is empty");

        using var stream = new SKMemoryStream(bytes);
        using var codec = SKCodec.Create(stream, out var codecResult)
            ?? throw new InvalidDataException($"not a recognised image format ({codecResult})");
        var size = DecodeSize(codec, resolution);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(info))
            throw new InvalidDataException($"no memory for the {size.Width}x{size.Height} pixels it needs");
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw new InvalidDataException(result == SKCodecResult.IncompleteInput
                ? "the image data is truncated"
                : $"the image could not be decoded ({result})");
        decoded.SetImmutable(); // lets SKImage.FromBitmap share the pixels instead of copying them (same bytes: checked on 40 photos)
        return CropAndResize(decoded, resolution);
    }

    /// <summary>
    /// The size <paramref name="codec"/> will decode to: its own, or smaller for images over
    /// <see cref="FullDecodePixels"/> where the codec supports it. Throws when the header claims no pixels or more
    /// than <see cref="MaxPixels"/>.
    /// </summary>
    public static SKSizeI DecodeSize(SKCodec codec, int resolution)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1) throw new InvalidDataException("the image has no pixels");
        var pixels = (long)width * height;
        if (pixels > MaxPixels)
            throw new InvalidDataException($"the header claims {width}x{height} pixels ({pixels / 1e6:F0} megapixels), over the limit of {MaxPixels / 1e6:F0} megapixels");
        if (pixels <= FullDecodePixels) return new SKSizeI(width, height);
        // Codecs round a requested scale up to one they support (JPEG: eighths), so try eighths from the top and take
        // the first that fits the budget, never going below the target resolution on the short side.
        var best = new SKSizeI(width, height);
        for (var eighths = 7; eighths >= 1; eighths--)
        {
            var candidate = codec.GetScaledDimensions(eighths / 8f);
            if (candidate.Width < 1 || candidate.Height < 1 || Math.Min(candidate.Width, candidate.Height) < resolution) break;
            if ((long)candidate.Width * candidate.Height < (long)best.Width * best.Height) best = candidate;
            if ((long)best.Width * best.Height <= FullDecodePixels) break;
        }
        return best;
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
