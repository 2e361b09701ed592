using CreativeGen.Cluster.Tests.Api;
using CreativeGen.Grains.Personal;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Personal;
using CreativeGen.Ml.Landscapes.Training;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Cluster.Tests.Personal;

/// <summary>
/// The real gateway and silo with personal landscapes on: a tiny untrained 16px base model and its discriminator in a
/// temporary model folder, small photo limits, and a fine-tune budget of one CPU second.
/// </summary>
public sealed class PersonalApiFixture : ApiFixture
{
    private readonly TempDirectory models = TestSupport.TempDirectory();

    public PersonalApiFixture()
    {
        TorchRuntime.Initialize();
        var options = new LandscapeModelOptions(["forest", "glacier", "mountain", "sea"], resolution: 16, latentSize: 16, baseWidth: 8, embeddingSize: 8);
        using var trainer = new LandscapeTrainer(options, GanTrainingOptions.Landscape(batchSize: 4));
        var training = Path.Combine(models.Path, "base.train.ckpt");
        trainer.Save(training, Path.Combine(models.Path, "base.ckpt"));
        BaseDiscriminatorFile.ExportFrom(training, Path.Combine(models.Path, "base-discriminator.ckpt"));
        Settings = new PersonalLandscapeSettings(models.Path, Path.Combine(models.Path, "base.ckpt"), Path.Combine(models.Path, "base-discriminator.ckpt"),
            new PhotoLimits(MaxFileBytes: 300_000, MinSide: 64, MaxSide: 2048, MaxPhotos: 8, MinPhotosToTrain: 3),
            new PersonalFineTuneOptions(cpuBudgetSeconds: 1, frozenGeneratorBlocks: 1, frozenDiscriminatorStages: 1, batchSize: 4),
            MaxCpuMinutes: 0.5);
    }

    public PersonalLandscapeSettings Settings { get; }

    public PersonalModelStore Store => new(Settings);

    protected override void ConfigureServices(IServiceCollection services) => services.AddPersonalLandscapes(Settings);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        models.Dispose();
    }
}
