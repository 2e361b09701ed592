using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Personal;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Personal;

/// <summary>The few-shot fine-tune on a tiny base model: what it freezes, what it trains, its budget and its resume.</summary>
public sealed class PersonalFineTuneTests : IDisposable
{
    private readonly TinyPersonalBase tiny;

    public PersonalFineTuneTests()
    {
        TorchRuntime.Initialize();
        tiny = new TinyPersonalBase();
    }

    [Fact]
    public void Start_PersonalSlot_PaintsExactlyTheNearestBaseCategoryBeforeTraining()
    {
        using var photos = PersonalPhotoSet.Load(tiny.PhotoFolder, 16);
        using var fineTune = PersonalFineTune.Start(tiny.BaseModelPath, tiny.BaseDiscriminatorPath, photos, tiny.RunFolder("run"), TinyPersonalBase.Options());
        using var baseModel = LandscapeModelLoader.LoadModel(tiny.BaseModelPath);
        var start = fineTune.Settings.StartCategory;

        Assert.Equal([PersonalCategory.Name], fineTune.Trainer.Model.Categories);
        using var scope = torch.NewDisposeScope();
        var latents = LatentSampler.FromSeeds([1, 2, 3], 16, [1.0, 1.0, 1.0]);
        var expected = GeneratorSampling.Run(baseModel.Network, latents, Enumerable.Repeat((long)baseModel.Network.Options.CategoryIndex(start), 3).ToArray());
        // The raw generator: the EMA's batch-norm statistics are re-estimated for one category at every checkpoint.
        var personal = GeneratorSampling.Run(fineTune.Trainer.Generator, latents, [0L, 0L, 0L]);
        Assert.True(expected.eq(personal).all().item<bool>(), $"the untrained personal slot should paint '{start}' exactly");
    }

    [Fact]
    public void Run_KeepsFrozenLayersAtTheirBaseWeights_AndTrainsTheRest()
    {
        using var photos = PersonalPhotoSet.Load(tiny.PhotoFolder, 16);
        using var fineTune = PersonalFineTune.Start(tiny.BaseModelPath, tiny.BaseDiscriminatorPath, photos, tiny.RunFolder("run"), TinyPersonalBase.Options());
        var before = Snapshot(fineTune);

        fineTune.Run(photos, maxSteps: 3);

        var after = Snapshot(fineTune);
        foreach (var name in new[] { "G projection.weight", "G blocks.0.conv.weight", "D body.conv0.weight" })
            Assert.True(before[name].eq(after[name]).all().item<bool>(), $"{name} is frozen and must not change");
        foreach (var name in new[] { "G embedding", "G blocks.1.conv.weight", "G blocks.0.norm.gain.weight", "D body.conv1.weight" })
            Assert.False(before[name].eq(after[name]).all().item<bool>(), $"{name} should train");
    }

    [Fact]
    public void Run_StopsWhenTheCpuBudgetIsSpent()
    {
        using var photos = PersonalPhotoSet.Load(tiny.PhotoFolder, 16);
        using var fineTune = PersonalFineTune.Start(tiny.BaseModelPath, tiny.BaseDiscriminatorPath, photos, tiny.RunFolder("run"), TinyPersonalBase.Options(cpuSeconds: 0.5));

        var result = fineTune.Run(photos);

        Assert.True(result.Finished);
        Assert.InRange(result.CpuSeconds, 0.5, 30);
        Assert.True(result.Steps >= 1);
    }

    [Fact]
    public void Resume_AfterAnInterruption_EndsWithTheSameModelFile()
    {
        using var photos = PersonalPhotoSet.Load(tiny.PhotoFolder, 16);
        string straight = Path.Combine(tiny.Folder, "straight.ckpt"), resumed = Path.Combine(tiny.Folder, "resumed.ckpt");
        using (var once = PersonalFineTune.Start(tiny.BaseModelPath, tiny.BaseDiscriminatorPath, photos, tiny.RunFolder("once"), TinyPersonalBase.Options()))
        {
            once.Run(photos, maxSteps: 4);
            once.ExportModel(straight);
        }
        using (var first = PersonalFineTune.Start(tiny.BaseModelPath, tiny.BaseDiscriminatorPath, photos, tiny.RunFolder("twice"), TinyPersonalBase.Options()))
        {
            using var interrupt = new CancellationTokenSource();
            var result = first.Run(photos, p => { if (p.Step == 2) interrupt.Cancel(); }, maxSteps: 4, interrupt.Token);
            Assert.False(result.Finished);
        }
        Assert.True(PersonalFineTune.CanResume(tiny.RunFolder("twice")));
        using (var second = PersonalFineTune.Resume(tiny.RunFolder("twice")))
        {
            Assert.Equal(2, second.Trainer.Step);
            second.Run(photos, maxSteps: 4);
            second.ExportModel(resumed);
        }

        using var a = LandscapeModelLoader.LoadModel(straight);
        using var b = LandscapeModelLoader.LoadModel(resumed);
        // Same weights (the versions differ: the header records the CPU seconds each run happened to spend).
        Assert.Equal(a.TrainedSteps, b.TrainedSteps);
        Assert.Equal([PersonalCategory.Name], a.Categories);
        var requests = Enumerable.Range(0, 4).Select(i => new LandscapeRequest(PersonalCategory.Name, i, 1.0)).ToList();
        Assert.Equal(a.GenerateRgb(requests), b.GenerateRgb(requests));
    }

    [Fact]
    public void Start_WithAMissingBaseDiscriminator_SaysWhereItLooked()
    {
        using var photos = PersonalPhotoSet.Load(tiny.PhotoFolder, 16);
        var missing = Path.Combine(tiny.Folder, "nowhere.ckpt");
        var error = Assert.Throws<FileNotFoundException>(() =>
            PersonalFineTune.Start(tiny.BaseModelPath, missing, photos, tiny.RunFolder("run"), TinyPersonalBase.Options()));
        Assert.Contains(missing, error.Message);
    }

    private static Dictionary<string, torch.Tensor> Snapshot(PersonalFineTune fineTune) =>
        fineTune.Trainer.Generator.named_parameters().Select(p => ("G " + p.name, p.parameter.detach().clone()))
            .Concat(fineTune.Trainer.Discriminator.named_parameters().Select(p => ("D " + p.name, p.parameter.detach().clone())))
            .ToDictionary(p => p.Item1, p => p.Item2);

    public void Dispose() => tiny.Dispose();
}
