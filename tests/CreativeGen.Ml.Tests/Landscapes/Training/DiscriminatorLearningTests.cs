using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

/// <summary>
/// The discriminator alone, against a frozen random generator, must learn to tell real photos from generated ones:
/// a GAN whose discriminator sits at the hinge loss of chance (2.0) gives its generator nothing to learn from.
/// </summary>
public sealed class DiscriminatorLearningTests : IDisposable
{
    private readonly LandscapeTestData data = new(perCategory: 4);
    private readonly LandscapeDataset dataset;
    private readonly ITestOutputHelper output;

    public DiscriminatorLearningTests(ITestOutputHelper output)
    {
        TorchRuntime.Initialize();
        this.output = output;
        dataset = data.Load(16);
    }

    [SkippableFact]
    public void Discriminator_TrainedAloneAgainstAFrozenGenerator_SeparatesRealFromFakeInAFewSteps()
    {
        using var trainer = TinyLandscapeModels.Trainer();
        var losses = new List<float>();
        for (var step = 0; step < 40; step++) losses.Add(trainer.TrainDiscriminatorStep(dataset));
        output.WriteLine(string.Join(" ", losses.Select(l => l.ToString("F3"))));
        var late = losses.TakeLast(10).Average();
        Assert.True(late < 1.6, $"mean hinge loss of steps 31-40 is {late:F3} (chance 2.0)");
        Assert.True(late < losses.Take(10).Average() - 0.3, "the discriminator loss must fall");
    }

    [SkippableFact]
    public void Discriminator_OneBackwardPass_EveryParameterReceivesAGradientAndIsInTheOptimizer()
    {
        using var trainer = TinyLandscapeModels.Trainer();
        trainer.TrainDiscriminatorStep(dataset);
        var named = trainer.Discriminator.named_parameters().ToList();
        Assert.NotEmpty(named);
        foreach (var (name, parameter) in named)
        {
            var grad = parameter.grad;
            output.WriteLine($"{name} {string.Join("x", parameter.shape)} grad {(grad is null ? "null" : grad.norm().item<float>().ToString("G3"))}");
        }
        Assert.All(named, p => Assert.NotNull(p.parameter.grad));
        // The score's bias cancels exactly in the hinge loss while every margin is violated (+1/B from real, -1/B from
        // fake), so only weights must have a non-zero gradient after the first step.
        Assert.All(named.Where(p => p.name.EndsWith("weight", StringComparison.Ordinal)),
            p => Assert.True(p.parameter.grad!.abs().sum().item<float>() > 0, $"{p.name} got a zero gradient"));
        Assert.Contains(named, p => p.name.StartsWith("categoryProjection", StringComparison.Ordinal));
        var optimized = trainer.DiscriminatorOptimizer.parameters().Select(p => p.Handle).ToHashSet();
        Assert.All(named, p => Assert.Contains(p.parameter.Handle, optimized));
    }

    public void Dispose()
    {
        dataset.Dispose();
        data.Dispose();
    }
}
