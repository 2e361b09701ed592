using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// The base model's discriminator on its own ("CGLAND-DISC-1" in a checksummed frame): the shipped model file holds
/// only the EMA generator, but FreezeD fine-tuning starts from a trained discriminator, whose early layers already
/// tell photo texture from generated texture. Cut out of a training checkpoint with <see cref="ExportFrom"/>.
/// </summary>
public static class BaseDiscriminatorFile
{
    public const string Magic = "CGLAND-DISC-1";
    public const string DefaultFileName = "landscape-64-discriminator.ckpt";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes the discriminator of the training checkpoint <paramref name="trainingPath"/> to <paramref name="outputPath"/>.</summary>
    public static void ExportFrom(string trainingPath, string outputPath)
    {
        using var trainer = LandscapeTrainer.Resume(trainingPath);
        var header = trainer.Header() with { Training = null };
        ChecksummedFile.Write(outputPath, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(header, Json));
            trainer.Discriminator.save(writer);
        });
    }

    /// <summary>The discriminator in <paramref name="path"/> and the model options it was built for.</summary>
    public static (LandscapeModelOptions Options, nn.Module<Tensor, Tensor, Tensor> Discriminator) Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Base discriminator not found: {path} (write one from a training checkpoint with `landscape export-discriminator`).", path);
        var (payload, _) = ChecksummedFile.Open(path, "base discriminator");
        using var reader = new BinaryReader(payload, Encoding.UTF8);
        LandscapeModelOptions options;
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("unknown header");
            var header = JsonSerializer.Deserialize<LandscapeCheckpointHeader>(reader.ReadString(), Json) ?? throw new InvalidDataException("empty header");
            options = header.ToModelOptions();
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException or ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not a base discriminator file: {error.Message}", error);
        }
        nn.Module<Tensor, Tensor, Tensor> discriminator;
        using (var placeholder = new torch.Generator(0)) discriminator = LandscapeNetworks.CreateDiscriminator(options, placeholder); // every weight is overwritten
        try
        {
            LandscapeCheckpoint.LoadInto(discriminator, reader, path, "discriminator");
        }
        catch
        {
            discriminator.Dispose();
            throw;
        }
        return (options, discriminator);
    }

    /// <summary>Where the shipped base discriminator is looked for (beside the shipped models).</summary>
    public static string DefaultPath => Path.Combine(DefaultModels.Directory, DefaultFileName);
}
