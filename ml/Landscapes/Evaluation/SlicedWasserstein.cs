using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// Sliced Wasserstein distance between two image sets on Laplacian-pyramid patches (Karras et al. 2018, section 5):
/// 7x7 patches from every pyramid level, normalized per channel, projected on random unit directions; the distance
/// per level is the mean absolute difference of the sorted projections. Needs no pretrained network.
/// One deviation: both sets are normalized with the statistics of the first (reference) set, not each with its own,
/// so a global colour shift stays visible; and 128 random directions a repeat instead of 512, because sorting the
/// projections dominates the cost on a CPU. Reported ×10³ as in the paper.
/// </summary>
public static class SlicedWasserstein
{
    public sealed record Options(int PatchesPerImage = 128, int PatchSize = 7, int Directions = 128, int Repeats = 4, int MinimumResolution = 16, long Seed = 123);

    /// <summary>Distance per level (finest first) and their average, ×10³.</summary>
    public sealed record Result(IReadOnlyList<double> PerLevel, double Average);

    /// <param name="reference">(N, 3, R, R) in [-1, 1], e.g. real images</param>
    /// <param name="candidate">(M, 3, R, R) in [-1, 1], e.g. generated images</param>
    public static Result Distance(Tensor reference, Tensor candidate, Options? options = null)
    {
        options ??= new Options();
        if (reference.shape[0] < 1 || candidate.shape[0] < 1) throw new ArgumentException("Both image sets must be non-empty.");
        if (!reference.shape.Skip(1).SequenceEqual(candidate.shape.Skip(1))) throw new ArgumentException("Both image sets must have the same image shape.");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)options.Seed);
        var referenceLevels = LaplacianPyramid.Build(reference, options.MinimumResolution);
        var candidateLevels = LaplacianPyramid.Build(candidate, options.MinimumResolution);
        var perLevel = new List<double>();
        for (var level = 0; level < referenceLevels.Count; level++)
        {
            using var levelScope = torch.NewDisposeScope();
            // Common random numbers: both sets use the same patch positions (image i of each set, patch j), so the
            // comparison's sampling noise cancels where the sets agree; identical sets give exactly zero.
            var (top, left) = PatchPositions(referenceLevels[level], Math.Max(reference.shape[0], candidate.shape[0]), options, generator);
            var a = Patches(referenceLevels[level], top, left, options);
            var b = Patches(candidateLevels[level], top, left, options);
            var mean = a.mean([0, 2, 3], keepdim: true);
            var std = a.std([0, 2, 3], keepdim: true).clamp_min(1e-8);
            a = a.sub(mean).div(std).flatten(1);
            b = b.sub(mean).div(std).flatten(1);
            var count = Math.Min(a.shape[0], b.shape[0]);
            perLevel.Add(SlicedDistance(a[..(int)count], b[..(int)count], options, generator) * 1e3);
        }
        return new Result(perLevel, perLevel.Average());
    }

    /// <summary>(N·P, C, k, k) random patches, P per image, gathered pixel by pixel so memory stays at the patches' size.</summary>
    private static (Tensor Top, Tensor Left) PatchPositions(Tensor level, long images, Options options, torch.Generator generator)
    {
        long h = level.shape[2], w = level.shape[3];
        var k = Math.Min(options.PatchSize, (int)Math.Min(h, w));
        return (torch.randint(0, h - k + 1, [images, options.PatchesPerImage], generator: generator).to(level.device),
                torch.randint(0, w - k + 1, [images, options.PatchesPerImage], generator: generator).to(level.device));
    }

    private static Tensor Patches(Tensor level, Tensor allTop, Tensor allLeft, Options options)
    {
        long n = level.shape[0], c = level.shape[1], h = level.shape[2], w = level.shape[3];
        var k = Math.Min(options.PatchSize, (int)Math.Min(h, w));
        var count = options.PatchesPerImage;
        var top = allTop[..(int)n];
        var left = allLeft[..(int)n];
        var flat = level.reshape(n, c, h * w);
        var pixels = new List<Tensor>(k * k);
        for (var dy = 0; dy < k; dy++)
            for (var dx = 0; dx < k; dx++)
            {
                var index = top.add(dy).mul(w).add(left.add(dx)).unsqueeze(1).expand(n, c, count); // (N, C, P)
                pixels.Add(flat.gather(2, index));
            }
        return torch.stack(pixels, 3).permute(0, 2, 1, 3).reshape(n * count, c, k, k); // (N·P, C, k, k)
    }

    private static double SlicedDistance(Tensor a, Tensor b, Options options, torch.Generator generator)
    {
        var total = 0.0;
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            using var scope = torch.NewDisposeScope(); // projections of ~10^5 patches on 512 directions: free them each round
            var directions = torch.randn([a.shape[1], options.Directions], generator: generator).to(a.device); // drawn on the CPU, as seeded
            directions = directions.div(directions.norm(0, keepdim: true));
            // (D, N) rows are contiguous, so each direction's projections sort in one cache-friendly pass.
            var projectedA = directions.t().matmul(a.t()).contiguous().sort(1).Values;
            var projectedB = directions.t().matmul(b.t()).contiguous().sort(1).Values;
            total += projectedA.sub(projectedB).abs().mean().item<float>();
        }
        return total / options.Repeats;
    }
}
