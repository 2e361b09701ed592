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

    public sealed record Header(string[] Categories, int Resolution, int Width, int Epochs, double ValAccuracy);

    /// <summary>Adam, cross-entropy, random horizontal flips and 4-pixel shifts; reports (epoch, loss) after each epoch.</summary>
    public static LandscapeClassifier Train(LandscapeDataset train, int epochs = 8, int batchSize = 64, long seed = 5, Action<int, double>? onEpoch = null)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "At least one epoch.");
        torch.manual_seed(seed);
        var model = TorchDevice.Place(new LandscapeClassifier("classifier", train.Categories.Count));
        using var optimizer = torch.optim.Adam(model.parameters(), 2e-3, weight_decay: 1e-4);
        var random = new Random((int)seed);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            model.train();
            var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
            random.Shuffle(order);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start < order.Length; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var (images, labels) = train.Batch(torch.tensor(order[start..Math.Min(start + batchSize, order.Length)]));
                if (random.NextDouble() < 0.5) images = images.flip(3);
                images = images.roll([random.Next(-4, 5), random.Next(-4, 5)], [2, 3]);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(images), labels);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>();
                batches++;
            }
            onEpoch?.Invoke(epoch, lossSum / batches);
        }
        model.eval();
        return model;
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
            result.AddRange(TorchDevice.ToHost(model.forward(chunk).argmax(1)).data<long>().ToArray());
        }
        return result.ToArray();
    }

    public static double Accuracy(LandscapeClassifier model, LandscapeDataset data)
    {
        var predictions = Predict(model, LandscapeDataset.ToUnitRange(data.Pixels));
        var labels = data.Labels.data<long>().ToArray();
        return predictions.Zip(labels).Count(pair => pair.First == pair.Second) / (double)labels.Length;
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
            var model = new LandscapeClassifier("classifier", header.Categories.Length, header.Width);
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
