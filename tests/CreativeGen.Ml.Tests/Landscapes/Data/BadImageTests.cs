using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Imaging;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Data;

/// <summary>Files that claim more pixels than they hold, or more than memory allows (issue 9, section 4).</summary>
public sealed class BadImageTests : IDisposable
{
    private readonly string folder = SyntheticImages.Folder(perCategory: 2);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_62BytePngClaiming65535Squared_SkipsItNamingTheFileAndTheLimit()
    {
        var bomb = Path.Combine(folder, "forest", "bomb.png");
        File.WriteAllBytes(bomb, SyntheticImages.PngHeaderClaiming(65535, 65535));
        Assert.Equal(62, new FileInfo(bomb).Length);
        var messages = new List<string>();

        using var dataset = LandscapeIngest.Load(folder, 16, log: messages.Add);

        Assert.Equal(8, dataset.Count);
        var skipped = Assert.Single(dataset.Skipped);
        Assert.Equal(bomb, skipped.Path);
        Assert.Contains("65535x65535", skipped.Reason);
        Assert.Contains("megapixels", skipped.Reason);
        Assert.Contains(messages, m => m.Contains(bomb) && m.Contains("megapixels"));
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_SkippedWithoutReadingIt()
    {
        var huge = Path.Combine(folder, "sea", "huge.jpg");
        using (var file = File.Create(huge)) file.SetLength(LandscapeIngest.MaxFileBytes + 1); // sparse: no disk used

        using var dataset = LandscapeIngest.Load(folder, 16);

        var skipped = Assert.Single(dataset.Skipped);
        Assert.Equal(huge, skipped.Path);
        Assert.Contains("over the limit", skipped.Reason);
    }

    [Theory]
    [InlineData(16000, 16000)]
    [InlineData(10000, 5001)]
    public void DecodeRgb_HeaderClaimingMoreThanTheLimit_RejectedBeforeDecoding(int width, int height)
    {
        var error = Assert.Throws<InvalidDataException>(() => SquareImage.DecodeRgb(SyntheticImages.PngHeaderClaiming(width, height), 64));
        Assert.Contains($"{width}x{height}", error.Message);
        Assert.Contains($"limit of {SquareImage.MaxPixels / 1_000_000} megapixels", error.Message);
    }

    [Fact]
    public void DecodeRgb_LargeJpegWithinTheLimit_DecodesDownscaledWithTheSameContent()
    {
        // 6000x3000 (18 megapixels): left third red, middle green, right blue; the centre square is green.
        var jpeg = SyntheticImages.Encode(6000, 3000, x => x < 2000 ? SKColors.Red : x < 4000 ? SKColors.Lime : SKColors.Blue, SKEncodedImageFormat.Jpeg);
        using (var codec = SKCodec.Create(new SKMemoryStream(jpeg)))
        {
            var size = SquareImage.DecodeSize(codec, 64);
            Assert.True((long)size.Width * size.Height <= SquareImage.FullDecodePixels, $"decoded at {size.Width}x{size.Height}");
            Assert.True(Math.Min(size.Width, size.Height) >= 64);
        }

        var pixels = SquareImage.DecodeRgb(jpeg, 64);

        var centre = (32 * 64 + 32) * 3;
        Assert.True(pixels[centre + 1] > 200 && pixels[centre] < 40 && pixels[centre + 2] < 40, "centre is green");
    }

    [Fact]
    public void DecodeSize_OrdinaryPhoto_IsItsOwnSize()
    {
        var png = SyntheticImages.Encode(150, 120, _ => SKColors.Gray, SKEncodedImageFormat.Jpeg);
        using var codec = SKCodec.Create(new SKMemoryStream(png));
        Assert.Equal(new SKSizeI(150, 120), SquareImage.DecodeSize(codec, 64));
    }
}
