using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Imaging;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// A loaded landscape generator (the EMA weights). Each request's latent comes from its own seed and its image from
/// <see cref="ExactGenerator"/>, whose arithmetic is fixed by construction, so a request's pixels do not depend on the
/// batch, the thread count or the CPU's kernels. The seed's baseline architecture (transposed convolutions) has no
/// such path and runs through libtorch one image per pass: repeatable only as far as libtorch is.
/// </summary>
public sealed class LandscapeModel : ILandscapeGenerator
{
    private readonly Lock forwardLock = new();
    private readonly ExactGenerator? exact;
    private LandscapeForward forward = LandscapeForward.Exact;

    internal LandscapeModel(LandscapeGeneratorNetwork network, string modelName, string modelVersion, long trainedSteps, double trainingCpuSeconds)
    {
        Network = network;
        Network.eval();
        exact = network is ConditionalGenerator projection ? new ExactGenerator(projection) : null;
        ModelName = modelName;
        ModelVersion = modelVersion;
        TrainedSteps = trainedSteps;
        TrainingCpuSeconds = trainingCpuSeconds;
    }

    public LandscapeGeneratorNetwork Network { get; }

    /// <summary>
    /// Which arithmetic computes images: <see cref="LandscapeForward.Exact"/> where the architecture has it (the
    /// default), or <see cref="LandscapeForward.LibTorch"/>, kept for speed comparisons.
    /// </summary>
    public LandscapeForward Forward
    {
        get => exact is null ? LandscapeForward.LibTorch : forward;
        set => forward = value;
    }
    public string ModelName { get; }
    public string ModelVersion { get; }
    public long TrainedSteps { get; }

    /// <summary>Process CPU seconds the training took (from the checkpoint header).</summary>
    public double TrainingCpuSeconds { get; }
    public IReadOnlyList<string> Categories => Network.Options.Categories;
    public int Resolution => Network.Options.Resolution;

    public IReadOnlyList<byte[]> GeneratePng(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken = default) =>
        GenerateRgb(requests, cancellationToken).Select(rgb => PngWriter.Encode(rgb, Resolution, Resolution)).ToList();

    /// <summary>One RGB byte array (HWC) per request, in order.</summary>
    public IReadOnlyList<byte[]> GenerateRgb(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) return [];
        var categories = requests.Select(r => (long)Network.Options.CategoryIndex(r.Category)).ToArray();
        foreach (var request in requests)
        {
            try { LatentSampler.ValidateTruncation(request.Truncation); }
            catch (ArgumentOutOfRangeException error) { throw new ArgumentException(error.Message, nameof(requests), error); }
        }
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = torch.NewDisposeScope();
        var latents = LatentSampler.FromSeeds(requests.Select(r => r.Seed), Network.Options.LatentSize, requests.Select(r => r.Truncation));
        return Run(latents, Network.OneHot(TorchDevice.Place(torch.tensor(categories))));
    }

    /// <summary>
    /// <paramref name="frames"/> images walking from (seedA, categoryA) to (seedB, categoryB): the latent moves along a
    /// great circle, the category embedding linearly.
    /// </summary>
    public IReadOnlyList<byte[]> Interpolate(long seedA, long seedB, string categoryA, string categoryB, int frames, double truncation = 1.0)
    {
        if (frames is < 2 or > 1024) throw new ArgumentOutOfRangeException(nameof(frames), frames, "Frames must be in [2, 1024].");
        var from = Network.Options.CategoryIndex(categoryA);
        var to = Network.Options.CategoryIndex(categoryB);
        using var scope = torch.NewDisposeScope();
        var latentA = LatentSampler.FromSeed(seedA, Network.Options.LatentSize, truncation);
        var latentB = LatentSampler.FromSeed(seedB, Network.Options.LatentSize, truncation);
        var steps = Enumerable.Range(0, frames).Select(i => i / (double)(frames - 1)).ToArray();
        var latents = torch.stack(steps.Select(t => LatentSampler.Slerp(latentA, latentB, t)).ToArray());
        var oneHot = Network.OneHot(TorchDevice.Place(torch.tensor(new long[] { from, to })));
        var weights = torch.stack(steps.Select(t => oneHot[0].mul(1 - t).add(oneHot[1].mul(t))).ToArray());
        return Run(latents, weights);
    }

    /// <summary>
    /// Images for each row, each computed on its own by <see cref="ExactGenerator"/> (rows share the threads, never
    /// an arithmetic operation), or, for the baseline architecture, by one libtorch pass per image.
    /// </summary>
    private IReadOnlyList<byte[]> Run(Tensor latents, Tensor categoryWeights)
    {
        var rows = (int)latents.shape[0];
        if (exact is null || forward == LandscapeForward.LibTorch) return RunLibTorch(latents, categoryWeights, rows);
        var latentValues = TorchDevice.ToHost(latents).contiguous().data<float>().ToArray();
        var weightValues = TorchDevice.ToHost(categoryWeights).contiguous().data<float>().ToArray();
        var latentSize = latentValues.Length / rows;
        var categories = weightValues.Length / rows;
        var images = new byte[rows][];
        var threads = Math.Max(1, Math.Min(rows, torch.get_num_threads()));
        Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = threads }, row =>
            images[row] = exact.Generate(latentValues.AsSpan(row * latentSize, latentSize), weightValues.AsSpan(row * categories, categories)));
        return images;
    }

    private IReadOnlyList<byte[]> RunLibTorch(Tensor latents, Tensor categoryWeights, int rows)
    {
        lock (forwardLock)
        {
            var images = new List<byte[]>(rows);
            for (var i = 0; i < rows; i++)
            {
                using var scope = torch.NewDisposeScope();
                images.AddRange(ImageTensors.ToRgb(GeneratorSampling.Run(Network, latents.narrow(0, i, 1), categoryWeights.narrow(0, i, 1))));
            }
            return images;
        }
    }

    public void Dispose() => Network.Dispose();
}

/// <summary>How a <see cref="LandscapeModel"/> computes its images.</summary>
public enum LandscapeForward
{
    /// <summary>This project's fixed-order arithmetic: the same bytes alone, batched, on any thread count or CPU.</summary>
    Exact,

    /// <summary>libtorch, one image per pass: repeatable only as far as oneDNN and MKL are on this CPU (for comparisons).</summary>
    LibTorch,
}
