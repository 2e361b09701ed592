using SkiaSharp;

namespace CreativeGen.Ml.Landscapes.Imaging;

/// <summary>Encodes RGB pixel arrays (HWC bytes) as PNG with SkiaSharp, and tiles them into contact sheets.</summary>
public static class PngWriter
{
    public static byte[] Encode(byte[] rgb, int width, int height)
    {
        if (rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width * height * 3} RGB bytes for {width}x{height}, got {rgb.Length}.", nameof(rgb));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rgba = new byte[width * height * 4];
        for (int pixel = 0, i = 0; pixel < rgb.Length; pixel += 3, i += 4)
        {
            rgba[i] = rgb[pixel];
            rgba[i + 1] = rgb[pixel + 1];
            rgba[i + 2] = rgb[pixel + 2];
            rgba[i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the PNG.");
        return data.ToArray();
    }

    /// <summary>
    /// Tiles square RGB images (each <paramref name="tile"/>² pixels) into rows of <paramref name="columns"/>
    /// with a 2-pixel white gutter, and encodes the sheet as PNG.
    /// </summary>
    public static byte[] ContactSheet(IReadOnlyList<byte[]> images, int tile, int columns)
    {
        if (images.Count == 0) throw new ArgumentException("A contact sheet needs at least one image.", nameof(images));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "At least one column.");
        const int gutter = 2;
        var rows = (images.Count + columns - 1) / columns;
        var width = columns * tile + (columns + 1) * gutter;
        var height = rows * tile + (rows + 1) * gutter;
        var sheet = new byte[width * height * 3];
        Array.Fill(sheet, (byte)255);
        for (var index = 0; index < images.Count; index++)
        {
            var image = images[index];
            if (image.Length != tile * tile * 3)
                throw new ArgumentException($"Image {index} is not {tile}x{tile} RGB.", nameof(images));
            var x0 = gutter + (index % columns) * (tile + gutter);
            var y0 = gutter + (index / columns) * (tile + gutter);
            for (var y = 0; y < tile; y++)
                Array.Copy(image, y * tile * 3, sheet, ((y0 + y) * width + x0) * 3, tile * 3);
        }
        return Encode(sheet, width, height);
    }
}
