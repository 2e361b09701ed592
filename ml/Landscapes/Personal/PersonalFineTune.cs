using System.Text.Json;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Evaluation;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// A few-shot fine-tune of the base landscape model on a user's photos, under a CPU budget: the base generator and
/// discriminator are moved into one-category networks (<see cref="PersonalNetworks"/>), their early layers frozen
/// (generator blocks, FreezeD), and trained with the landscape recipe's DiffAugment, hinge loss and mode seeking.
/// A run folder holds train.ckpt and personal.json; an interrupted run resumes exactly where its last checkpoint was.
/// </summary>
public sealed class PersonalFineTune : IDisposable
{
    public const string TrainingFileName = "train.ckpt";
    public const string SettingsFileName = "personal.json";

    private readonly string runFolder;
    private readonly Action<string>? log;

    private PersonalFineTune(string runFolder, LandscapeTrainer trainer, PersonalFineTuneSettings settings, Action<string>? log)
    {
        this.runFolder = runFolder;
        this.log = log;
        Trainer = trainer;
        Settings = settings;
        PersonalNetworks.FreezeGenerator(trainer.Generator, settings.Options.FrozenGeneratorBlocks);
        PersonalNetworks.FreezeDiscriminator(trainer.Discriminator, settings.Options.FrozenDiscriminatorStages);
    }

    public LandscapeTrainer Trainer { get; }
    public PersonalFineTuneSettings Settings { get; private set; }
    public double BudgetSeconds => Settings.Options.CpuBudgetSeconds;
    public bool BudgetSpent => Trainer.CpuSeconds >= BudgetSeconds;

    public static bool CanResume(string runFolder) =>
        File.Exists(Path.Combine(runFolder, TrainingFileName)) && File.Exists(Path.Combine(runFolder, SettingsFileName));

    /// <summary>A new fine-tune from the base model file and base discriminator file, its run folder created.</summary>
    public static PersonalFineTune Start(string baseModelPath, string baseDiscriminatorPath, LandscapeDataset photos, string runFolder,
        PersonalFineTuneOptions options, Action<string>? log = null)
    {
        TorchRuntime.Initialize();
        using var baseModel = LandscapeModelLoader.LoadModel(baseModelPath);
        var (discriminatorOptions, baseDiscriminator) = BaseDiscriminatorFile.Load(baseDiscriminatorPath);
        using (baseDiscriminator)
        {
            var baseOptions = baseModel.Network.Options;
            var d = discriminatorOptions;
            if ((d.Resolution, d.BaseWidth, d.Architecture, d.MinibatchStdDevGroup, d.Categories.Count)
                != (baseOptions.Resolution, baseOptions.BaseWidth, baseOptions.Architecture, baseOptions.MinibatchStdDevGroup, baseOptions.Categories.Count))
                throw new InvalidDataException($"The base discriminator {baseDiscriminatorPath} was built for another model shape than {baseModelPath}.");
            if (photos.Resolution != baseOptions.Resolution)
                throw new ArgumentException($"Photos are at {photos.Resolution}px, the base model paints {baseOptions.Resolution}px.", nameof(photos));
            var category = NearestCategory(baseModel, photos);
            log?.Invoke($"base {baseModel.ModelVersion}: the personal slot starts from '{baseOptions.Categories[category]}', the base category nearest the photos");
            var personal = new LandscapeModelOptions([PersonalCategory.Name], baseOptions.Resolution, baseOptions.LatentSize, baseOptions.BaseWidth,
                baseOptions.EmbeddingSize, baseOptions.Architecture, baseOptions.MinibatchStdDevGroup, baseOptions.GeneratorPadding);
            var training = new GanTrainingOptions(options.BatchSize, options.GeneratorLearningRate, options.DiscriminatorLearningRate, 0.0, 0.9,
                GanLoss.Hinge, diffAugment: true, options.EmaDecay, options.Seed, cutout: true, modeSeekingWeight: options.ModeSeekingWeight);
            var trainer = LandscapeTrainer.FromWeights(personal, training, loading =>
            {
                PersonalNetworks.Transplant(baseModel.Network, loading.Generator, category);
                PersonalNetworks.Transplant(baseModel.Network, loading.Ema, category);
                PersonalNetworks.Transplant(baseDiscriminator, loading.Discriminator, category);
            });
            var settings = new PersonalFineTuneSettings(options, baseModel.ModelVersion, baseOptions.Categories[category], photos.Count);
            Directory.CreateDirectory(runFolder);
            var fineTune = new PersonalFineTune(runFolder, trainer, settings, log);
            fineTune.Checkpoint();
            return fineTune;
        }
    }

    /// <summary>Continues the run in <paramref name="runFolder"/>, optionally with a new total budget.</summary>
    public static PersonalFineTune Resume(string runFolder, double? cpuBudgetSeconds = null, Action<string>? log = null)
    {
        TorchRuntime.Initialize();
        var settingsPath = Path.Combine(runFolder, SettingsFileName);
        if (!CanResume(runFolder)) throw new FileNotFoundException($"{runFolder} holds no personal fine-tune to resume ({TrainingFileName} and {SettingsFileName}).", settingsPath);
        var settings = JsonSerializer.Deserialize<PersonalFineTuneSettings>(File.ReadAllText(settingsPath))
            ?? throw new InvalidDataException($"{settingsPath} is empty.");
        if (cpuBudgetSeconds is { } budget) settings = settings with { Options = settings.Options with { CpuBudgetSeconds = budget } };
        var trainer = LandscapeTrainer.Resume(Path.Combine(runFolder, TrainingFileName));
        return new PersonalFineTune(runFolder, trainer, settings, log);
    }

    /// <summary>
    /// Trains until the budget is spent, <paramref name="maxSteps"/> is reached or <paramref name="cancellationToken"/>
    /// fires; checkpoints every <see cref="PersonalFineTuneOptions.CheckpointEveryCpuSeconds"/> and at the end.
    /// </summary>
    public PersonalFineTuneResult Run(LandscapeDataset photos, Action<PersonalFineTuneProgress>? progress = null, long? maxSteps = null,
        CancellationToken cancellationToken = default)
    {
        var lastCheckpoint = Trainer.CpuSeconds;
        while (!BudgetSpent && (maxSteps is null || Trainer.Step < maxSteps) && !cancellationToken.IsCancellationRequested)
        {
            var (discriminatorLoss, generatorLoss) = Trainer.TrainStep(photos);
            progress?.Invoke(new PersonalFineTuneProgress(Trainer.Step, Trainer.CpuSeconds, BudgetSeconds, discriminatorLoss, generatorLoss));
            if (Trainer.CpuSeconds - lastCheckpoint >= Settings.Options.CheckpointEveryCpuSeconds)
            {
                Checkpoint();
                lastCheckpoint = Trainer.CpuSeconds;
            }
        }
        Checkpoint();
        var finished = BudgetSpent || (maxSteps is { } max && Trainer.Step >= max);
        return new PersonalFineTuneResult(finished, Trainer.Step, Trainer.CpuSeconds);
    }

    /// <summary>Writes the personal model file (EMA generator, one category); its version is the hash of that file.</summary>
    public void ExportModel(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        Trainer.ExportModel(path);
    }

    private void Checkpoint()
    {
        Trainer.Save(Path.Combine(runFolder, TrainingFileName));
        AtomicFile.WriteAllText(Path.Combine(runFolder, SettingsFileName), JsonSerializer.Serialize(Settings));
        log?.Invoke($"checkpoint at step {Trainer.Step} ({Trainer.CpuSeconds:F0} of {BudgetSeconds:F0} CPU s)");
    }

    /// <summary>The base category whose images are closest to the photos (sliced Wasserstein on 32 samples each).</summary>
    private static int NearestCategory(LandscapeModel baseModel, LandscapeDataset photos)
    {
        var options = baseModel.Network.Options;
        if (options.Categories.Count == 1) return 0;
        using var scope = torch.NewDisposeScope();
        var real = LandscapeDataset.ToUnitRange(photos.Pixels);
        var seeds = Enumerable.Range(0, 32).Select(i => (long)i).ToArray();
        var latents = LatentSampler.FromSeeds(seeds, options.LatentSize, seeds.Select(_ => 1.0));
        var swdOptions = new SlicedWasserstein.Options(PatchesPerImage: 64, Repeats: 1);
        var distances = Enumerable.Range(0, options.Categories.Count).Select(category =>
        {
            var images = GeneratorSampling.Run(baseModel.Network, latents, Enumerable.Repeat((long)category, seeds.Length).ToArray());
            return SlicedWasserstein.Distance(real, images, swdOptions).Average;
        }).ToList();
        return distances.IndexOf(distances.Min());
    }

    public void Dispose() => Trainer.Dispose();
}

/// <summary>What a personal run was started from, kept beside its checkpoint as personal.json.</summary>
public sealed record PersonalFineTuneSettings(PersonalFineTuneOptions Options, string BaseModelVersion, string StartCategory, int Photos);

public sealed record PersonalFineTuneProgress(long Step, double CpuSeconds, double BudgetSeconds, float DiscriminatorLoss, float GeneratorLoss);

/// <summary><see cref="Finished"/>: the budget (or step limit) was reached; false when interrupted.</summary>
public sealed record PersonalFineTuneResult(bool Finished, long Steps, double CpuSeconds);
