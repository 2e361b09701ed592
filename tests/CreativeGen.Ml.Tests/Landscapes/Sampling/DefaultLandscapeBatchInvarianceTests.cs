using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;

namespace CreativeGen.Ml.Tests.Landscapes.Sampling;

public sealed class DefaultLandscapeBatchInvarianceTests
{
    public DefaultLandscapeBatchInvarianceTests() => TorchRuntime.Initialize();

    /// <summary>
    /// Issue 9: a recipe regenerates the same bytes under load. 64 requests of the shipped model (every category,
    /// varied truncation) alone, all together, and in uneven batches.
    /// </summary>
    [Fact]
    [Trait("Category", "BatchInvariance")]
    public void GenerateRgb_64RequestsAloneTogetherAndInUnevenBatches_IdenticalPixels()
    {
        using var model = LandscapeModelLoader.LoadModel(DefaultModels.Require(DefaultModels.LandscapeFileName));
        var requests = Enumerable.Range(0, 64)
            .Select(i => new LandscapeRequest(model.Categories[i % model.Categories.Count], Seed: 9_000 + i, Truncation: i % 3 == 0 ? 0.7 : 1.0))
            .ToArray();

        var alone = requests.Select(r => model.GenerateRgb([r])[0]).ToArray();
        var together = model.GenerateRgb(requests);
        var uneven = new List<byte[]>();
        for (var start = 0; start < requests.Length;)
        {
            var size = Math.Min(requests.Length - start, 1 + start % 7);
            uneven.AddRange(model.GenerateRgb(requests[start..(start + size)]));
            start += size;
        }

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(alone[i].AsSpan().SequenceEqual(together[i]), $"request {i}: alone and in a batch of 64 differ");
            Assert.True(alone[i].AsSpan().SequenceEqual(uneven[i]), $"request {i}: alone and in a batch of up to 7 differ");
        }
        RecordDigest(alone);
    }

    /// <summary>
    /// tests/kernel-variants.sh names a file in <see cref="DigestFileVariable"/> and runs this test under other kernel
    /// and vector-width settings; it then requires every run to have written the same digest, i.e. the same bytes
    /// whatever kernels the machine offers.
    /// </summary>
    private static void RecordDigest(IEnumerable<byte[]> images)
    {
        var path = Environment.GetEnvironmentVariable(DigestFileVariable);
        if (string.IsNullOrEmpty(path)) return;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var image in images) hash.AppendData(image);
        File.AppendAllText(path, Convert.ToHexString(hash.GetHashAndReset()) + Environment.NewLine);
    }

    private const string DigestFileVariable = "CREATIVEGEN_IMAGE_DIGESTS";
}
