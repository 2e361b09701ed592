using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;

namespace CreativeGen.Ml.Personalization.Evaluation;

/// <summary>
/// A simulated user for measuring personalization: their hidden taste is a direction d in latent space, which the
/// system never sees. They judge the PICTURE, not the latent: d is turned once into what it changes in an image (the
/// mean change of coarse colour-layout features when base latents move by ±2·d), and a picture's score is how far its
/// features lie along that change. Stars come from the score's quintiles over plain pictures of the category, so a
/// plain picture gets 4 or more stars with probability about 0.4.
/// </summary>
public sealed class SimulatedLandscapeUser
{
    /// <summary>Block means per channel on an 8x8 grid: the colour layout a glance at a 64 px picture takes in.</summary>
    public const int Grid = 8;

    private const int BaseLatents = 4;
    private const double Step = 2.0;
    private const int CalibrationPictures = 40;

    private readonly double[] imageDirection;
    private readonly double[] thresholds;

    public SimulatedLandscapeUser(LandscapeModel model, string category, long hiddenSeed)
    {
        Model = model;
        Category = category;
        imageDirection = ImageDirection(model, category, hiddenSeed);
        var calibration = model.GenerateRgb([.. Enumerable.Range(0, CalibrationPictures).Select(i => new LandscapeRequest(category, hiddenSeed * 7919 + 1_000_003 + i))]);
        var scores = calibration.Select(Score).Order().ToArray();
        thresholds = [.. new[] { 0.2, 0.4, 0.6, 0.8 }.Select(q => scores[(int)(q * scores.Length)])];
    }

    public LandscapeModel Model { get; }

    public string Category { get; }

    /// <summary>How far the picture lies along the user's hidden taste (arbitrary units).</summary>
    public double Score(byte[] rgb)
    {
        var features = Features(rgb, Model.Resolution);
        return features.Zip(imageDirection, (f, v) => f * v).Sum();
    }

    /// <summary>1 to 5 stars: the quintile of the picture's score among plain pictures of the category.</summary>
    public int Rate(byte[] rgb)
    {
        var score = Score(rgb);
        return 1 + thresholds.Count(t => score >= t);
    }

    /// <summary>(Grid·Grid·3) block means in [0, 1] of an RGB (HWC) picture.</summary>
    public static double[] Features(byte[] rgb, int resolution)
    {
        var block = resolution / Grid;
        var features = new double[Grid * Grid * 3];
        for (var y = 0; y < resolution; y++)
            for (var x = 0; x < resolution; x++)
                for (var c = 0; c < 3; c++)
                    features[((y / block) * Grid + x / block) * 3 + c] += rgb[(y * resolution + x) * 3 + c];
        var scale = 1.0 / (255.0 * block * block);
        for (var i = 0; i < features.Length; i++) features[i] *= scale;
        return features;
    }

    private static double[] ImageDirection(LandscapeModel model, string category, long hiddenSeed)
    {
        using var scope = torch.NewDisposeScope();
        var latentSize = model.Network.Options.LatentSize;
        var hidden = LatentSampler.FromSeed(hiddenSeed, latentSize);
        hidden = hidden.div(hidden.norm());
        var index = (long)model.Network.Options.CategoryIndex(category);
        var direction = new double[Grid * Grid * 3];
        for (var b = 0; b < BaseLatents; b++)
        {
            var basis = LatentSampler.FromSeed(hiddenSeed * 31 + 17 + b, latentSize);
            var latents = torch.stack([basis.add(hidden.mul(Step)), basis.sub(hidden.mul(Step))]);
            var images = ImageTensors.ToRgb(GeneratorSampling.Run(model.Network, latents, [index, index]));
            var plus = Features(images[0], model.Resolution);
            var minus = Features(images[1], model.Resolution);
            for (var i = 0; i < direction.Length; i++) direction[i] += plus[i] - minus[i];
        }
        var length = Math.Sqrt(direction.Sum(v => v * v));
        return length == 0 ? direction : [.. direction.Select(v => v / length)];
    }
}
