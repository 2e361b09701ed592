using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Imaging;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Data;

public sealed class LandscapeIngestTests
{
    [SkippableFact]
    public void Load_CorruptTruncatedAndNonImageFiles_SkipsEachNamingItAndLoadsTheRest()
    {
        using var data = new LandscapeTestData(perCategory: 3);
        var realJpeg = Directory.GetFiles(data.CategoryFolder("forest"))[0];
        var bytes = File.ReadAllBytes(realJpeg);
        var truncated = Path.Combine(data.CategoryFolder("sea"), "truncated.jpg");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 3)]);
        var text = Path.Combine(data.CategoryFolder("glacier"), "notes.jpg");
        File.WriteAllText(text, "this is not a photograph");
        var empty = Path.Combine(data.CategoryFolder("mountain"), "empty.png");
        File.WriteAllBytes(empty, []);
        var garbage = Path.Combine(data.CategoryFolder("forest"), "garbage.jpeg");
        File.WriteAllBytes(garbage, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8]);
        var messages = new List<string>();

        using var dataset = LandscapeIngest.Load(data.Folder, 32, log: messages.Add);

        Assert.Equal(12, dataset.Count);
        Assert.Equal(4, dataset.Skipped.Count);
        Assert.Equal(new[] { empty, garbage, text, truncated }.Order(), dataset.Skipped.Select(s => s.Path).Order());
        Assert.All(dataset.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Contains("truncated", dataset.Skipped.Single(s => s.Path == truncated).Reason);
        Assert.Contains("empty", dataset.Skipped.Single(s => s.Path == empty).Reason);
        Assert.All(new[] { truncated, text, empty, garbage }, path => Assert.Contains(messages, m => m.Contains(path)));
        Assert.Equal(new long[] { 3, 3, 3, 3 }, Enumerable.Range(0, 4).Select(c => (long)dataset.CountOf(c)));
    }

    [SkippableFact]
    public void Load_RealPhotos_ScalesPixelsToUnitRangeAtTheRequestedResolution()
    {
        using var data = new LandscapeTestData(perCategory: 2);
        foreach (var resolution in new[] { 32, 64, 128 })
        {
            using var dataset = data.Load(resolution);
            Assert.Equal(new long[] { 8, 3, resolution, resolution }, dataset.Pixels.shape);
            var (images, labels) = dataset.Batch(TorchSharp.torch.arange(8));
            Assert.True(images.min().item<float>() >= -1f && images.max().item<float>() <= 1f);
            Assert.True(images.max().item<float>() - images.min().item<float>() > 1f, "real photos span much of the range");
            Assert.Equal(new long[] { 0, 0, 1, 1, 2, 2, 3, 3 }, labels.data<long>().ToArray());
        }
    }

    [Fact]
    public void DecodeRgb_WideAndSmallImages_CentreCropsToSquareAndResizes()
    {
        // 120x40: left third red, middle green, right blue. The centre square is the green third.
        var wide = Png(120, 40, x => x < 40 ? SKColors.Red : x < 80 ? SKColors.Lime : SKColors.Blue);
        var pixels = SquareImage.DecodeRgb(wide, 16);
        Assert.Equal(16 * 16 * 3, pixels.Length);
        var centre = (8 * 16 + 8) * 3;
        Assert.True(pixels[centre + 1] > 200 && pixels[centre] < 40 && pixels[centre + 2] < 40, "centre is green");
        var corner = 0;
        Assert.True(pixels[corner + 1] > 150 && pixels[corner] < 100, "the red third was cropped away");

        // A 20x30 image smaller than the target is upscaled.
        var small = Png(20, 30, x => SKColors.Yellow);
        var upscaled = SquareImage.DecodeRgb(small, 64);
        Assert.Equal(64 * 64 * 3, upscaled.Length);
        Assert.True(upscaled[0] > 200 && upscaled[1] > 200 && upscaled[2] < 40);
    }

    [SkippableFact]
    public void Load_WithCache_SecondLoadReadsTheCacheAndGivesIdenticalPixels()
    {
        using var data = new LandscapeTestData(perCategory: 2);
        var cache = Directory.CreateTempSubdirectory("creativegen-cache-").FullName;
        try
        {
            var messages = new List<string>();
            using var first = LandscapeIngest.Load(data.Folder, 32, cacheDirectory: cache, log: messages.Add);
            Assert.Single(Directory.GetFiles(cache));
            using var second = LandscapeIngest.Load(data.Folder, 32, cacheDirectory: cache, log: messages.Add);

            Assert.Contains(messages, m => m.Contains("from the cache"));
            TensorAssert.Identical(first.Pixels, second.Pixels);
            TensorAssert.Identical(first.Labels, second.Labels);

            // A changed file invalidates the cache: the new file is decoded (and here, rejected).
            File.WriteAllText(Path.Combine(data.CategoryFolder("sea"), "new.jpg"), "not an image");
            using var third = LandscapeIngest.Load(data.Folder, 32, cacheDirectory: cache);
            Assert.Single(third.Skipped);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFolderOrNoImages_ThrowsClearErrors()
    {
        Assert.Throws<DirectoryNotFoundException>(() => LandscapeIngest.Load("/nonexistent/landscapes", 64));
        var empty = Directory.CreateTempSubdirectory("creativegen-empty-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(empty, "sea"));
            File.WriteAllText(Path.Combine(empty, "sea", "a.png"), "x");
            var error = Assert.Throws<InvalidDataException>(() => LandscapeIngest.Load(empty, 64));
            Assert.Contains("No decodable images", error.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static byte[] Png(int width, int height, Func<int, SKColor> colourAtX)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colourAtX(x));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
