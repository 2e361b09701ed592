using System.Collections.Concurrent;
using CreativeGen.Ml.Landscapes;
using SkiaSharp;

namespace CreativeGen.Cluster.Tests.Generators;

/// <summary>
/// TEST ONLY: a deterministic stand-in for the DCGAN landscape model, used to test cluster mechanics. It
/// paints a small PNG whose colours are drawn from the seed and category, and records the batch sizes it saw.
/// </summary>
public sealed class FixedPatternLandscapeGenerator(string version = "fixed-1", SimulatedCost? cost = null, int resolution = 16) : ILandscapeGenerator
{
    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public string ModelName => "fixed-pattern-landscape";

    public string ModelVersion { get; set; } = version;

    public IReadOnlyList<string> Categories { get; } = ["forest", "glacier", "mountain", "sea"];

    public int Resolution => resolution;

    public IReadOnlyList<byte[]> GeneratePng(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
            if (!Categories.Contains(request.Category)) throw new ArgumentException($"Unknown category '{request.Category}'.");
        BatchSizes.Enqueue(requests.Count);
        (cost ?? SimulatedCost.None).Spend(requests.Count);
        return [.. requests.Select(Paint)];
    }

    public void Dispose()
    {
    }

    private byte[] Paint(LandscapeRequest request)
    {
        var random = new Random(HashCode.Combine(request.Seed, request.Category, ModelVersion));
        using var bitmap = new SKBitmap(resolution, resolution);
        var hue = Categories.ToList().IndexOf(request.Category) * 90f;
        for (var y = 0; y < resolution; y++)
            for (var x = 0; x < resolution; x++)
                bitmap.SetPixel(x, y, SKColor.FromHsv(hue + random.Next(30), 40 + random.Next(60), (float)(100 * request.Truncation * random.NextDouble())));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
