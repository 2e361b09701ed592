using CreativeGen.Ml.Landscapes.Imaging;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>Contact sheets of generator samples, one row per category.</summary>
public static class ContactSheets
{
    /// <summary>The same latents (seeds noiseSeed, noiseSeed+1, ...) for every category and every checkpoint, so sheets compare.</summary>
    public static byte[] FixedNoise(LandscapeGeneratorNetwork generator, int perCategory, long noiseSeed)
    {
        if (perCategory < 1) throw new ArgumentOutOfRangeException(nameof(perCategory), perCategory, "At least one sample per category.");
        using var scope = torch.NewDisposeScope();
        var options = generator.Options;
        var seeds = Enumerable.Range(0, perCategory).Select(i => noiseSeed * 10_000 + i).ToArray();
        var latents = LatentSampler.FromSeeds(seeds, options.LatentSize, seeds.Select(_ => 1.0)).repeat(options.Categories.Count, 1);
        var categories = Enumerable.Range(0, options.Categories.Count).SelectMany(c => Enumerable.Repeat((long)c, perCategory)).ToArray();
        var images = GeneratorSampling.Run(generator, latents, categories);
        return PngWriter.ContactSheet(ImageTensors.ToRgb(images), options.Resolution, perCategory);
    }
}
