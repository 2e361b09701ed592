using System.Diagnostics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Imaging;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Trains a conditional landscape GAN one step at a time: a discriminator step on real and generated images, a
/// generator step, then the EMA update. Every random draw of step s comes from its own generator seeded from (seed, s), so a
/// run resumed from a checkpoint continues exactly as if it had never stopped.
/// </summary>
public sealed class LandscapeTrainer : IDisposable
{
    public LandscapeTrainer(LandscapeModelOptions model, GanTrainingOptions training) : this(model, training, null)
    {
    }

    /// <summary>
    /// A trainer whose networks start from given weights rather than a fresh initialization (fine-tuning): after the
    /// networks are built, <paramref name="loadWeights"/> writes into them (the EMA generator included), then the
    /// optimizers are created. Parameters it marks <c>requires_grad = false</c> stay frozen (they never get a gradient).
    /// </summary>
    public static LandscapeTrainer FromWeights(LandscapeModelOptions model, GanTrainingOptions training, Action<LandscapeTrainer> loadWeights) =>
        new(model, training, loadWeights ?? throw new ArgumentNullException(nameof(loadWeights)));

    /// <param name="loadWeights">Runs after the networks exist and before the optimizers take their parameters.</param>
    private LandscapeTrainer(LandscapeModelOptions model, GanTrainingOptions training, Action<LandscapeTrainer>? loadWeights)
    {
        Model = model;
        Training = training;
        // Initialization and training steps draw only from their own generators, never from torch's process-wide
        // one, so a run is a function of its seed whatever else the process does meanwhile.
        using (var initialization = new torch.Generator((ulong)training.Seed))
        {
            Generator = LandscapeNetworks.CreateGenerator(model, initialization);
            Discriminator = LandscapeNetworks.CreateDiscriminator(model, initialization);
            Ema = LandscapeNetworks.CreateGenerator(model, initialization);
        }
        ExponentialMovingAverage.CopyInto(Generator, Ema);
        Ema.eval();
        loadWeights?.Invoke(this);
        GeneratorOptimizer = torch.optim.Adam(Generator.parameters(), training.GeneratorLearningRate, training.Beta1, training.Beta2);
        DiscriminatorOptimizer = torch.optim.Adam(Discriminator.parameters(), training.DiscriminatorLearningRate, training.Beta1, training.Beta2);
    }

    public LandscapeModelOptions Model { get; }
    public GanTrainingOptions Training { get; }
    public LandscapeGeneratorNetwork Generator { get; }
    public LandscapeGeneratorNetwork Ema { get; }
    public nn.Module<Tensor, Tensor, Tensor> Discriminator { get; }
    public Adam GeneratorOptimizer { get; }
    public Adam DiscriminatorOptimizer { get; }

    /// <summary>Steps completed so far, including those before a resume.</summary>
    public long Step { get; private set; }

    /// <summary>Process CPU seconds spent in <see cref="TrainStep"/> so far, including before a resume.</summary>
    public double CpuSeconds { get; private set; }

    /// <summary>One discriminator and one generator update. Returns the two losses.</summary>
    public (float DiscriminatorLoss, float GeneratorLoss) TrainStep(LandscapeDataset data)
    {
        if (data.Resolution != Model.Resolution) throw new ArgumentException($"Data is {data.Resolution}px, the model {Model.Resolution}px.", nameof(data));
        if (!data.Categories.SequenceEqual(Model.Categories)) throw new ArgumentException("Data categories differ from the model's.", nameof(data));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator((ulong)StepSeed(Training.Seed, Step));
        Generator.train();
        Discriminator.train();

        Tensor real = null!, labels = null!, categoryWeights = null!, discriminatorLoss = null!;
        for (var update = 0; update < Training.DiscriminatorSteps; update++)
        {
            (real, labels) = data.Batch(BatchIndices(data.Count, update));
            categoryWeights = Generator.OneHot(labels);
            discriminatorLoss = DiscriminatorUpdate(real, labels, categoryWeights, random);
        }

        var generatorLoss = GeneratorUpdate(labels, categoryWeights, random);

        if (Training.EmaDecay > 0) ExponentialMovingAverage.Update(Generator, Ema, Training.EmaDecay, Step);
        else ExponentialMovingAverage.CopyInto(Generator, Ema);

        Step++;
        CpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return (discriminatorLoss.item<float>(), generatorLoss.item<float>());
    }

    /// <summary>
    /// A discriminator update only, the generator frozen (a diagnostic: the discriminator must be able to learn).
    /// Uses and advances the step counter like <see cref="TrainStep"/>. Returns the discriminator loss.
    /// </summary>
    public float TrainDiscriminatorStep(LandscapeDataset data)
    {
        using var scope = torch.NewDisposeScope();
        using var random = new torch.Generator((ulong)StepSeed(Training.Seed, Step));
        Generator.train();
        Discriminator.train();
        var (real, labels) = data.Batch(BatchIndices(data.Count, 0));
        var loss = DiscriminatorUpdate(real, labels, Generator.OneHot(labels), random);
        Step++;
        return loss.item<float>();
    }

    /// <summary>Discriminator: real high, generated low. Returns the loss.</summary>
    private Tensor DiscriminatorUpdate(Tensor real, Tensor labels, Tensor categoryWeights, torch.Generator random)
    {
        DiscriminatorOptimizer.zero_grad();
        Tensor fake;
        using (torch.no_grad()) fake = Generator.forward(TorchDevice.Place(torch.randn([real.shape[0], Model.LatentSize], generator: random)), categoryWeights);
        var realScores = Discriminator.forward(Augment(real, random), labels);
        var fakeScores = Discriminator.forward(Augment(fake, random), labels);
        var discriminatorLoss = Training.Loss == GanLoss.Hinge
            ? nn.functional.relu(realScores.neg().add(1.0)).mean().add(nn.functional.relu(fakeScores.add(1.0)).mean())
            : nn.functional.binary_cross_entropy_with_logits(realScores, torch.ones_like(realScores))
                .add(nn.functional.binary_cross_entropy_with_logits(fakeScores, torch.zeros_like(fakeScores)));
        discriminatorLoss.backward();
        DiscriminatorOptimizer.step();
        return discriminatorLoss;
    }

    /// <summary>Generator: fool the discriminator (plus the mode-seeking term when it is on). Returns the loss.</summary>
    private Tensor GeneratorUpdate(Tensor labels, Tensor categoryWeights, torch.Generator random)
    {
        GeneratorOptimizer.zero_grad();
        var modeSeeking = Training.ModeSeekingWeight > 0 && labels.shape[0] >= 2;
        if (modeSeeking)
        {
            labels = ModeSeeking.PairedLabels(labels);
            categoryWeights = Generator.OneHot(labels);
        }
        var latents = TorchDevice.Place(torch.randn([labels.shape[0], Model.LatentSize], generator: random));
        var generated = Generator.forward(latents, categoryWeights);
        var scores = Discriminator.forward(Augment(generated, random), labels);
        var generatorLoss = Training.Loss == GanLoss.Hinge
            ? scores.mean().neg()
            : nn.functional.binary_cross_entropy_with_logits(scores, torch.ones_like(scores));
        if (modeSeeking) generatorLoss = generatorLoss.add(ModeSeeking.Penalty(generated, latents).mul(Training.ModeSeekingWeight));
        generatorLoss.backward();
        GeneratorOptimizer.step();
        Discriminator.zero_grad();
        return generatorLoss;
    }

    /// <summary>A grid of EMA samples from fixed noise: one row per category, <paramref name="perCategory"/> columns.</summary>
    public byte[] ContactSheet(int perCategory = 8)
    {
        RecalibrateEma();
        return ContactSheets.FixedNoise(Ema, perCategory, Training.Seed);
    }

    public LandscapeCheckpointHeader Header() => LandscapeCheckpointHeader.From(Model, Step, CpuSeconds, Training);

    /// <summary>Writes the training checkpoint (everything) and, if given, the model file (EMA generator only).</summary>
    public void Save(string trainingPath, string? modelPath = null)
    {
        RecalibrateEma();
        LandscapeCheckpoint.WriteTraining(trainingPath, Header(), this);
        if (modelPath is not null) ExportModel(modelPath);
    }

    /// <summary>Writes the model file: header and EMA generator, with batch-norm statistics of its own.</summary>
    public void ExportModel(string modelPath)
    {
        RecalibrateEma();
        LandscapeCheckpoint.WriteModel(modelPath, Header() with { Training = null }, Ema);
    }

    /// <summary>
    /// A diagnostic: writes the raw (not averaged) generator as a model file, with standing statistics of its own, to
    /// compare its samples with the EMA's. Works on a copy, so training state is untouched.
    /// </summary>
    public void ExportRawModel(string modelPath)
    {
        using var initialization = new torch.Generator((ulong)Training.Seed);
        using var copy = LandscapeNetworks.CreateGenerator(Model, initialization);
        ExponentialMovingAverage.CopyInto(Generator, copy);
        StandingStatistics.Recalibrate(copy, seed: Training.Seed);
        copy.eval();
        LandscapeCheckpoint.WriteModel(modelPath, Header() with { Training = null }, copy);
    }

    /// <summary>
    /// The EMA generator's batch-norm statistics are copied from the raw generator every step; before it is saved or
    /// sampled they are re-estimated for its own weights. Deterministic, and overwritten again by the next step.
    /// </summary>
    private void RecalibrateEma()
    {
        if (Training.EmaDecay > 0) StandingStatistics.Recalibrate(Ema, seed: Training.Seed);
    }

    /// <summary>Restores a trainer from a training checkpoint written by <see cref="Save"/>.</summary>
    /// <param name="padding">
    /// Switches the generator's convolution padding from the checkpoint's (the weights fit either; the networks then
    /// adapt in the steps that follow), e.g. to fine-tune a zero-padded run into a reflection-padded one.
    /// </param>
    public static LandscapeTrainer Resume(string trainingPath, GeneratorPadding? padding = null)
    {
        var (header, isTraining, reader) = LandscapeCheckpoint.Open(trainingPath);
        using (reader)
        {
            if (!isTraining || header.Training is null)
                throw new InvalidDataException($"{trainingPath} is a model file (EMA generator only); resuming needs the training checkpoint (*.train.ckpt).");
            if (padding is { } switched) header = header with { GeneratorPadding = switched };
            var trainer = new LandscapeTrainer(header.ToModelOptions(), header.Training.ToOptions(), loading =>
            {
                LandscapeCheckpoint.LoadInto(loading.Ema, reader, trainingPath, "EMA generator");
                LandscapeCheckpoint.LoadInto(loading.Generator, reader, trainingPath, "generator");
                LandscapeCheckpoint.LoadInto(loading.Discriminator, reader, trainingPath, "discriminator");
            });
            try
            {
                LandscapeCheckpoint.LoadInto(trainer.GeneratorOptimizer, reader, trainingPath, "generator optimizer");
                LandscapeCheckpoint.LoadInto(trainer.DiscriminatorOptimizer, reader, trainingPath, "discriminator optimizer");
            }
            catch
            {
                trainer.Dispose();
                throw;
            }
            trainer.Step = header.Step;
            trainer.CpuSeconds = header.TrainingCpuSeconds;
            return trainer;
        }
    }

    private Tensor Augment(Tensor images, torch.Generator random) => Training.DiffAugment ? DiffAugment.Apply(images, random, Training.Cutout) : images;

    /// <summary>The real batch of the given discriminator update of this step: consecutive batches of a per-epoch shuffle.</summary>
    private Tensor BatchIndices(int count, int update)
    {
        var batch = Training.BatchSize;
        var start = (Step * Training.DiscriminatorSteps + update) * batch;
        var indices = new long[batch];
        for (var i = 0; i < batch; i++)
        {
            var position = start + i;
            var permutation = Permutation(position / count, count);
            indices[i] = permutation[position % count];
        }
        return torch.tensor(indices);
    }

    private readonly Dictionary<long, long[]> permutationCache = [];

    private long[] Permutation(long epoch, int count)
    {
        if (permutationCache.TryGetValue(epoch, out var cached)) return cached;
        var random = new Random(unchecked((int)StepSeed(Training.Seed, -1 - epoch)));
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        foreach (var old in permutationCache.Keys.Where(key => key < epoch).ToList()) permutationCache.Remove(old);
        permutationCache[epoch] = order;
        return order;
    }

    private static long StepSeed(long seed, long step) => unchecked(seed * 1_000_003 + step * 7_919 + 17) & 0x7FFF_FFFF_FFFF;

    public void Dispose()
    {
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        Generator.Dispose();
        Ema.Dispose();
        Discriminator.Dispose();
    }
}
