using System.Security.Cryptography;
using System.Text;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Imaging;
using TorchSharp;

namespace CreativeGen.Ml.Landscapes.Data;

/// <summary>
/// Loads a folder of category folders of JPEG/PNG photos into a <see cref="LandscapeDataset"/>. Files that do not
/// decode are skipped with a message naming them. With a cache folder, the decoded pixels are stored in one file
/// keyed by the file list, sizes, dates and resolution, so the next run skips decoding entirely. The cache sits in a
/// <see cref="ChecksummedFile"/> frame: a damaged (or pre-checksum) cache is ignored with a line saying so and rebuilt,
/// never trusted; its counts are checked against its size too, so nonsense never becomes an allocation.
/// </summary>
public static class LandscapeIngest
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];
    /// <summary>Files are read whole before decoding; no photo within <see cref="SquareImage.MaxPixels"/> needs more.</summary>
    public const long MaxFileBytes = 256_000_000;

    private const string CacheMagic = "CGLCACHE2"; // 2: inside a checksum frame

    /// <param name="folder">Folder holding one sub-folder per category.</param>
    /// <param name="resolution">Output side in pixels (64, 128, 256 ...).</param>
    /// <param name="categories">Categories to load in this order; null: every sub-folder, sorted by name.</param>
    /// <param name="cacheDirectory">Where to keep decoded pixels between runs; null: no disk cache.</param>
    /// <param name="maxPerCategory">Load at most this many files per category (the first by name); null: all.</param>
    /// <param name="log">Receives a line per skipped file and a summary.</param>
    public static LandscapeDataset Load(
        string folder,
        int resolution,
        IReadOnlyList<string>? categories = null,
        string? cacheDirectory = null,
        int? maxPerCategory = null,
        Action<string>? log = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder not found: {folder}");
        if (resolution < 4 || resolution > 1024) throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Resolution must be in [4, 1024].");
        categories ??= Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (categories.Count == 0) throw new InvalidDataException($"{folder} holds no category folders.");

        var files = new List<(string Path, int Category)>();
        for (var category = 0; category < categories.Count; category++)
        {
            var categoryFolder = Path.Combine(folder, categories[category]);
            if (!Directory.Exists(categoryFolder)) throw new DirectoryNotFoundException($"Category folder not found: {categoryFolder}");
            var found = Directory.GetFiles(categoryFolder)
                .Where(path => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
                .Order(StringComparer.Ordinal);
            files.AddRange((maxPerCategory is { } max ? found.Take(max) : found).Select(path => (path, category)));
        }

        var cachePath = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"landscapes-{resolution}px-{Fingerprint(files, resolution)}.bin");
        if (cachePath is not null && File.Exists(cachePath))
        {
            var cached = TryReadCache(cachePath, categories, resolution, log);
            if (cached is not null) return cached;
        }

        var pixels = new List<byte[]>(files.Count);
        var labels = new List<long>(files.Count);
        var skipped = new List<SkippedImage>();
        foreach (var (path, category) in files)
        {
            try
            {
                var length = new FileInfo(path).Length;
                if (length > MaxFileBytes)
                    throw new InvalidDataException($"{length / 1e6:F0} MB is over the limit of {MaxFileBytes / 1e6:F0} MB for one photo");
                pixels.Add(SquareImage.DecodeRgb(File.ReadAllBytes(path), resolution));
                labels.Add(category);
            }
            catch (Exception error) when (error is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                var reason = new SkippedImage(path, error.Message);
                skipped.Add(reason);
                log?.Invoke(reason.ToString());
            }
        }
        if (pixels.Count == 0) throw new InvalidDataException($"No decodable images in {folder} ({skipped.Count} skipped).");
        log?.Invoke($"loaded {pixels.Count} images of {categories.Count} categories from {folder} at {resolution}px ({skipped.Count} skipped)");

        var dataset = Build(categories, resolution, pixels, labels, skipped);
        if (cachePath is not null) WriteCache(cachePath, dataset, pixels);
        return dataset;
    }

    private static LandscapeDataset Build(IReadOnlyList<string> categories, int resolution, List<byte[]> hwcImages, List<long> labels, List<SkippedImage> skipped)
    {
        var count = hwcImages.Count;
        var flat = new byte[(long)count * resolution * resolution * 3];
        for (var i = 0; i < count; i++) Buffer.BlockCopy(hwcImages[i], 0, flat, i * hwcImages[i].Length, hwcImages[i].Length);
        // (N, R, R, 3) -> (N, 3, R, R)
        var pixels = torch.tensor(flat, [count, resolution, resolution, 3]).permute(0, 3, 1, 2).contiguous();
        return new LandscapeDataset(categories, resolution, pixels, torch.tensor(labels.ToArray()), skipped);
    }

    private static string Fingerprint(List<(string Path, int Category)> files, int resolution)
    {
        var text = new StringBuilder().Append(resolution).Append('\n');
        foreach (var (path, category) in files)
        {
            var info = new FileInfo(path);
            text.Append(category).Append('|').Append(Path.GetFullPath(path)).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static void WriteCache(string path, LandscapeDataset dataset, List<byte[]> hwcImages)
    {
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(CacheMagic);
            writer.Write(dataset.Resolution);
            writer.Write(dataset.Categories.Count);
            foreach (var category in dataset.Categories) writer.Write(category);
            writer.Write(dataset.Skipped.Count);
            foreach (var skipped in dataset.Skipped) { writer.Write(skipped.Path); writer.Write(skipped.Reason); }
            writer.Write(hwcImages.Count);
            var labels = dataset.Labels.data<long>().ToArray();
            for (var i = 0; i < hwcImages.Count; i++)
            {
                writer.Write((int)labels[i]);
                writer.Write(hwcImages[i]);
            }
        });
    }

    private static LandscapeDataset? TryReadCache(string path, IReadOnlyList<string> categories, int resolution, Action<string>? log)
    {
        try
        {
            var (payload, kind) = ChecksummedFile.Open(path, "image cache");
            using var reader = new BinaryReader(payload, Encoding.UTF8);
            if (kind == ChecksummedFile.FrameKind.Legacy)
            {
                log?.Invoke($"ignoring the cache {path}: written before caches carried a checksum; rebuilding it");
                return null;
            }
            if (reader.ReadString() != CacheMagic || reader.ReadInt32() != resolution) return null;
            var cachedCategories = Enumerable.Range(0, Count(reader, minimumBytes: 1)).Select(_ => reader.ReadString()).ToList();
            if (!cachedCategories.SequenceEqual(categories)) return null;
            var skipped = Enumerable.Range(0, Count(reader, minimumBytes: 2)).Select(_ => new SkippedImage(reader.ReadString(), reader.ReadString())).ToList();
            var size = resolution * resolution * 3;
            var count = Count(reader, minimumBytes: sizeof(int) + size);
            var images = new List<byte[]>(count);
            var labels = new List<long>(count);
            for (var i = 0; i < count; i++)
            {
                labels.Add(reader.ReadInt32());
                images.Add(reader.ReadBytes(size));
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new InvalidDataException("trailing bytes after the last image");
            foreach (var skip in skipped) log?.Invoke(skip.ToString());
            log?.Invoke($"loaded {count} images at {resolution}px from the cache {path} ({skipped.Count} skipped when it was built)");
            return Build(categories, resolution, images, labels, skipped);
        }
        catch (Exception error) when (error is IOException or EndOfStreamException or FormatException or InvalidDataException)
        {
            var reason = error.Message.StartsWith($"{path}: ", StringComparison.Ordinal) ? error.Message[(path.Length + 2)..] : error.Message; // name it once
            log?.Invoke($"ignoring the unreadable cache {path} and rebuilding it: {reason}");
            return null;
        }
    }

    /// <summary>A count read from the cache, checked against the bytes left, so a damaged count cannot become a huge allocation.</summary>
    private static int Count(BinaryReader reader, int minimumBytes)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || (long)count * minimumBytes > left)
            throw new InvalidDataException($"a count of {count} does not fit the {left:N0} bytes left");
        return count;
    }
}
