using System.Buffers.Binary;
using CreativeGen.Ml.Landscapes.Data;

namespace CreativeGen.Ml.Tests.Landscapes.Data;

/// <summary>A damaged decoded-pixel cache is never trusted: it is ignored with a line saying so, and rebuilt.</summary>
public sealed class ImageCacheTests : IDisposable
{
    private const int Resolution = 16;
    private const int Images = 8;
    private readonly string folder = SyntheticImages.Folder(perCategory: 2);
    private readonly string cache = Directory.CreateTempSubdirectory("creativegen-cache-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        Directory.Delete(cache, recursive: true);
    }

    [Fact]
    public void Load_CacheWhoseImageCountReads0x7FFFFFFF_IsIgnoredWithALineAndRebuilt()
    {
        using var fresh = LandscapeIngest.Load(folder, Resolution, cacheDirectory: cache);
        var path = Assert.Single(Directory.GetFiles(cache));
        var bytes = File.ReadAllBytes(path);
        // The count sits just before the images (label + pixels each), wherever the end of the payload is.
        var trailer = bytes.AsSpan(0, 8).SequenceEqual("CGCHECK1"u8) ? 40 : 0;
        var countAt = bytes.Length - trailer - Images * (4 + Resolution * Resolution * 3) - 4;
        Assert.Equal(Images, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(countAt)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(countAt), 0x7FFFFFFF);
        File.WriteAllBytes(path, bytes);

        AssertIgnoredAndRebuilt(fresh, path);
    }

    [Fact]
    public void Load_CacheWithAFlippedPixelBit_IsIgnoredAndRebuiltNotTrusted()
    {
        using var fresh = LandscapeIngest.Load(folder, Resolution, cacheDirectory: cache);
        var path = Assert.Single(Directory.GetFiles(cache));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        AssertIgnoredAndRebuilt(fresh, path);
    }

    private void AssertIgnoredAndRebuilt(LandscapeDataset fresh, string path)
    {
        var messages = new List<string>();
        using (var reloaded = LandscapeIngest.Load(folder, Resolution, cacheDirectory: cache, log: messages.Add))
        {
            Assert.Contains(messages, m => m.Contains(path) && m.Contains("rebuilding"));
            Assert.DoesNotContain(messages, m => m.Contains("from the cache"));
            TensorAssert.Identical(fresh.Pixels, reloaded.Pixels);
        }

        messages.Clear();
        using var fromRebuilt = LandscapeIngest.Load(folder, Resolution, cacheDirectory: cache, log: messages.Add);
        Assert.Contains(messages, m => m.Contains("from the cache"));
        TensorAssert.Identical(fresh.Pixels, fromRebuilt.Pixels);
    }
}
