using System.Text;
using System.Text.Json;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>Trains, scores, saves and loads the <see cref="LandscapeClassifier"/>.</summary>
public static class ClassifierTraining
{
    private const string Magic = "CGLAND-CLASSIFIER-1";

    public sealed record Header(string[] Categories, int Resolution, int Width, int Epochs, double ValAccuracy, int ConvsPerStage = 1);

    /// <summary><see cref="ClassifierRecipe.Quick"/> with its epochs, batch and seed overridden (tests, and evaluation runs that find no classifier).</summary>
    public static LandscapeClassifier Train(LandscapeDataset train, int epochs = 8, int batchSize = 64, long seed = 5, Action<int, double>? onEpoch = null)
    {
        var quick = ClassifierRecipe.Quick;
        var recipe = new ClassifierRecipe(epochs, quick.Width, quick.ConvsPerStage, quick.LearningRate, quick.LabelSmoothing, batchSize, seed);
        return Train(train, recipe, (epoch, loss, _) => onEpoch?.Invoke(epoch, loss));
    }

    /// <summary>
    /// AdamW on a per-batch cosine schedule, cross-entropy with the recipe's label smoothing, and augmentation:
    /// horizontal flips, a random crop of 80–100 % of the side resized back (zoom and shift), and per-image brightness
    /// and contrast. After each epoch reports (epoch, mean loss, model), the model in eval mode for scoring.
    /// </summary>
    public static LandscapeClassifier Train(LandscapeDataset train, ClassifierRecipe recipe, Action<int, double, LandscapeClassifier>? onEpoch = null)
    {
        torch.manual_seed(recipe.Seed);
        var model = TorchDevice.Place(new LandscapeClassifier("classifier", train.Categories.Count, recipe.Width, recipe.ConvsPerStage));
        using var optimizer = torch.optim.AdamW(model.parameters(), recipe.LearningRate, weight_decay: 5e-4);
        var batchesPerEpoch = (train.Count + recipe.BatchSize - 1) / recipe.BatchSize;
        var schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, recipe.Epochs * batchesPerEpoch);
        var random = new Random((int)recipe.Seed);
        for (var epoch = 1; epoch <= recipe.Epochs; epoch++)
        {
            model.train();
            var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
            random.Shuffle(order);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start < order.Length; start += recipe.BatchSize)
            {
                using var scope = torch.NewDisposeScope();
                var (images, labels) = train.Batch(torch.tensor(order[start..Math.Min(start + recipe.BatchSize, order.Length)]));
                if (labels.shape[0] < 2) continue; // batch norm cannot train on one image
                images = Augment(images, random);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(images), labels, label_smoothing: recipe.LabelSmoothing);
                loss.backward();
                optimizer.step();
                schedule.step();
                lossSum += loss.item<float>();
                batches++;
            }
            model.eval();
            onEpoch?.Invoke(epoch, lossSum / Math.Max(1, batches), model);
        }
        model.eval();
        return model;
    }

    private static Tensor Augment(Tensor images, Random random)
    {
        var side = (int)images.shape[2];
        if (random.NextDouble() < 0.5) images = images.flip(3);
        var crop = (int)Math.Round(side * (0.8 + 0.2 * random.NextDouble()));
        var top = random.Next(0, side - crop + 1);
        var left = random.Next(0, side - crop + 1);
        images = images[.., .., top..(top + crop), left..(left + crop)];
        if (crop != side)
            images = nn.functional.interpolate(images, [side, side], mode: InterpolationMode.Bilinear, align_corners: false);
        var count = images.shape[0];
        // Per image: contrast in [0.8, 1.2] around the image mean, brightness shift in [-0.1, 0.1].
        var contrast = TorchDevice.Place(torch.rand(count, 1, 1, 1)).mul(0.4).add(0.8);
        var brightness = TorchDevice.Place(torch.rand(count, 1, 1, 1)).mul(0.2).sub(0.1);
        var mean = images.mean([1, 2, 3], keepdim: true);
        return images.sub(mean).mul(contrast).add(mean).add(brightness).clamp(-1, 1);
    }

    /// <summary>Predicted category index per image.</summary>
    public static long[] Predict(LandscapeClassifier model, Tensor images)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        var result = new List<long>();
        for (long start = 0; start < images.shape[0]; start += 256)
        {
            using var scope = torch.NewDisposeScope();
            var chunk = TorchDevice.Place(images[(int)start..(int)Math.Min(start + 256, images.shape[0])]);
            // Averaging with the mirror image: landscapes are left-right symmetric in distribution, and it removes a
            // point or two of errors on borderline glacier/mountain photos.
            var logits = model.forward(chunk).add(model.forward(chunk.flip(3)));
            result.AddRange(TorchDevice.ToHost(logits.argmax(1)).data<long>().ToArray());
        }
        return result.ToArray();
    }

    public static double Accuracy(LandscapeClassifier model, LandscapeDataset data)
    {
        var predictions = Predict(model, LandscapeDataset.ToUnitRange(data.Pixels));
        var labels = data.Labels.data<long>().ToArray();
        return predictions.Zip(labels).Count(pair => pair.First == pair.Second) / (double)labels.Length;
    }

    /// <summary>The share of each category's photos classified as that category, in category order.</summary>
    public static double[] AccuracyPerCategory(LandscapeClassifier model, LandscapeDataset data)
    {
        var predictions = Predict(model, LandscapeDataset.ToUnitRange(data.Pixels));
        var labels = data.Labels.data<long>().ToArray();
        return Enumerable.Range(0, data.Categories.Count).Select(category =>
        {
            var ofCategory = labels.Select((label, i) => (label, i)).Where(pair => pair.label == category).ToArray();
            return ofCategory.Length == 0 ? double.NaN : ofCategory.Count(pair => predictions[pair.i] == category) / (double)ofCategory.Length;
        }).ToArray();
    }

    /// <summary>Writes the classifier inside a checksum frame; <see cref="Load"/> still reads the unframed shipped file.</summary>
    public static void Save(string path, LandscapeClassifier model, Header header) =>
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(header));
            model.save(writer);
        });

    public static (LandscapeClassifier Model, Header Header) Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Classifier not found: {path}", path);
        var (payload, _) = ChecksummedFile.Open(path, "landscape classifier");
        using var reader = new BinaryReader(payload, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException($"{path} is not a landscape classifier.");
            var header = JsonSerializer.Deserialize<Header>(reader.ReadString()) ?? throw new InvalidDataException($"{path}: empty header.");
            var model = new LandscapeClassifier("classifier", header.Categories.Length, header.Width, header.ConvsPerStage);
            model.load(reader, strict: true);
            TorchDevice.Place(model).eval();
            return (model, header);
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a readable landscape classifier: {error.Message}", error);
        }
    }
}
