using CreativeGen.Ml.Landscapes.Imaging;
using SkiaSharp;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// Checks one uploaded photo before anything of it is kept: the format by its first bytes (not by its name), the
/// size in pixels from the header (before any pixel memory), then a full decode, so a truncated or corrupt file is
/// refused at upload rather than found by the training later.
/// </summary>
public static class PhotoCheck
{
    public enum PhotoFormat { Jpeg, Png }

    /// <summary>The photo's format and size; throws <see cref="PhotoRejectedException"/> naming <paramref name="fileName"/> and the reason.</summary>
    public static (PhotoFormat Format, int Width, int Height) Validate(string fileName, ReadOnlySpan<byte> bytes, PhotoLimits limits)
    {
        if (bytes.Length == 0) throw new PhotoRejectedException(fileName, "the file is empty");
        if (bytes.Length > limits.MaxFileBytes)
            throw new PhotoRejectedException(fileName, $"{bytes.Length:N0} bytes is over the limit of {limits.MaxFileBytes:N0} bytes for one photo");
        var format = bytes is [0xFF, 0xD8, 0xFF, ..] ? PhotoFormat.Jpeg
            : bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] ? PhotoFormat.Png
            : throw new PhotoRejectedException(fileName, "not a JPEG or PNG image (checked by its content, not its name)");
        var copy = bytes.ToArray();
        int width, height;
        using (var stream = new SKMemoryStream(copy))
        using (var codec = SKCodec.Create(stream))
        {
            if (codec is null) throw new PhotoRejectedException(fileName, $"the {format} header cannot be read");
            (width, height) = (codec.Info.Width, codec.Info.Height);
        }
        if (Math.Min(width, height) < limits.MinSide)
            throw new PhotoRejectedException(fileName, $"{width}x{height} pixels is too small: the short side must be at least {limits.MinSide}");
        if (Math.Max(width, height) > limits.MaxSide)
            throw new PhotoRejectedException(fileName, $"{width}x{height} pixels is too large: the long side must be at most {limits.MaxSide}");
        try
        {
            SquareImage.DecodeRgb(copy, limits.MinSide);
        }
        catch (InvalidDataException error)
        {
            throw new PhotoRejectedException(fileName, error.Message);
        }
        return (format, width, height);
    }
}
