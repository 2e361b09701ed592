using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Landscape checkpoint files, written atomically. A model file ("CGLAND-MODEL-1") holds a JSON header and the EMA
/// generator only: all that generation needs. A training file ("CGLAND-TRAIN-1") adds the raw generator, the
/// discriminator and both optimizers so <c>--resume</c> continues exactly. Both are written inside a
/// <see cref="ChecksummedFile"/> frame, so damage is caught before training continues from it; files from before
/// the frame (the shipped models/landscape-64.ckpt and its archive) are read as they are, since their bytes are
/// their version.
/// </summary>
public static class LandscapeCheckpoint
{
    public const string ModelMagic = "CGLAND-MODEL-1";
    public const string TrainingMagic = "CGLAND-TRAIN-1";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static void WriteModel(string path, LandscapeCheckpointHeader header, LandscapeGeneratorNetwork ema) =>
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            WriteHeader(writer, ModelMagic, header);
            ema.save(writer);
        });

    public static void WriteTraining(string path, LandscapeCheckpointHeader header, LandscapeTrainer trainer) =>
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            WriteHeader(writer, TrainingMagic, header);
            trainer.Ema.save(writer);
            trainer.Generator.save(writer);
            trainer.Discriminator.save(writer);
            trainer.GeneratorOptimizer.save_state_dict(writer);
            trainer.DiscriminatorOptimizer.save_state_dict(writer);
        });

    /// <summary>Reads the header and, positioned after it, returns the reader; the EMA generator comes next in both kinds.</summary>
    public static (LandscapeCheckpointHeader Header, bool IsTraining, BinaryReader Reader) Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Landscape checkpoint not found: {path}", path);
        var (payload, _) = ChecksummedFile.Open(path, "landscape checkpoint");
        var reader = new BinaryReader(payload, Encoding.UTF8);
        try
        {
            var magic = reader.ReadString();
            if (magic is not (ModelMagic or TrainingMagic))
                throw new InvalidDataException($"{path} is not a landscape checkpoint (unknown header).");
            var header = JsonSerializer.Deserialize<LandscapeCheckpointHeader>(reader.ReadString(), Json)
                ?? throw new InvalidDataException($"{path}: empty checkpoint header.");
            return (header, magic == TrainingMagic, reader);
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException or ArgumentException)
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is not a readable landscape checkpoint: {error.Message}", error);
        }
    }

    /// <summary>Loads optimizer state that follows in <paramref name="reader"/>; a cut-off legacy file names itself.</summary>
    public static void LoadInto(OptimizerHelper optimizer, BinaryReader reader, string path, string what)
    {
        try
        {
            optimizer.load_state_dict(reader);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: the {what} state is missing or corrupt ({error.Message}).", error);
        }
    }

    /// <summary>Loads the module state that follows in <paramref name="reader"/>, turning torch errors into a clear message.</summary>
    public static void LoadInto(nn.Module module, BinaryReader reader, string path, string what)
    {
        try
        {
            module.load(reader, strict: true);
            TorchDevice.Place(module); // before any optimizer takes the parameters
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: the {what} weights are missing or corrupt ({error.Message}).", error);
        }
    }

    private static void WriteHeader(BinaryWriter writer, string magic, LandscapeCheckpointHeader header)
    {
        writer.Write(magic);
        writer.Write(JsonSerializer.Serialize(header, Json));
    }
}
