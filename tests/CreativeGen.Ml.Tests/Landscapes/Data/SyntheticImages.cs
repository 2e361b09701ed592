using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Data;

/// <summary>Small images made in the test: plain encoded ones, and PNG headers that claim any size.</summary>
public static class SyntheticImages
{
    /// <summary>A folder of category folders holding <paramref name="perCategory"/> small PNGs each, a different colour per file.</summary>
    public static string Folder(int perCategory, int side = 24)
    {
        var folder = Directory.CreateTempSubdirectory("creativegen-synthetic-").FullName;
        var categories = new[] { "forest", "glacier", "mountain", "sea" };
        for (var c = 0; c < categories.Length; c++)
        {
            var target = Directory.CreateDirectory(Path.Combine(folder, categories[c])).FullName;
            for (var i = 0; i < perCategory; i++)
                File.WriteAllBytes(Path.Combine(target, $"{i}.png"), Encode(side, side, x => new SKColor((byte)(60 * c), (byte)(40 * i), (byte)(4 * x)), SKEncodedImageFormat.Png));
        }
        return folder;
    }

    public static byte[] Encode(int width, int height, Func<int, SKColor> colourAtX, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            // Column by column: fast enough for tens of megapixels.
            for (var x = 0; x < width; x++)
            {
                paint.Color = colourAtX(x);
                canvas.DrawRect(x, 0, 1, height, paint);
            }
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A PNG that is only a signature, an IHDR claiming <paramref name="width"/> x <paramref name="height"/> RGB and
    /// the start of an IDAT chunk, cut off (no IEND): 62 bytes, as in the red-team report.
    /// </summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        var idatLength = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(idatLength, 4096); // claims more than follows
        png.AddRange(idatLength);
        png.AddRange(Encoding.ASCII.GetBytes("IDAT"));
        png.AddRange(new byte[62 - png.Count]);
        return [.. png];
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
