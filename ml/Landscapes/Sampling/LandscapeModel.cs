using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Imaging;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// A loaded landscape generator (the EMA weights), run in eval mode without gradients, one image per forward pass.
/// Each request's latent comes from its own seed, so its pixels do not depend on the batch.
/// </summary>
public sealed class LandscapeModel : ILandscapeGenerator
{
    private readonly Lock forwardLock = new();

    internal LandscapeModel(LandscapeGeneratorNetwork network, string modelName, string modelVersion, long trainedSteps, double trainingCpuSeconds)
    {
        Network = network;
        Network.eval();
        ModelName = modelName;
        ModelVersion = modelVersion;
        TrainedSteps = trainedSteps;
        TrainingCpuSeconds = trainingCpuSeconds;
    }

    public LandscapeGeneratorNetwork Network { get; }
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
    /// One forward pass per image. Convolution and matrix-product kernels (oneDNN, MKL) and their order of summation
    /// are chosen by batch size and CPU, so an image computed among others could differ in its last bits from the
    /// same image alone; one image per pass makes a request's pixels the same computation whatever else is in flight.
    /// </summary>
    private IReadOnlyList<byte[]> Run(Tensor latents, Tensor categoryWeights)
    {
        lock (forwardLock)
        {
            var images = new List<byte[]>((int)latents.shape[0]);
            for (var i = 0; i < latents.shape[0]; i++)
            {
                using var scope = torch.NewDisposeScope();
                images.AddRange(ImageTensors.ToRgb(GeneratorSampling.Run(Network, latents.narrow(0, i, 1), categoryWeights.narrow(0, i, 1))));
            }
            return images;
        }
    }

    public void Dispose() => Network.Dispose();
}
