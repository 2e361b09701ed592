using CreativeGen.Ml.Landscapes.Personal;
using CreativeGen.Ml.Tests.Landscapes.Data;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Personal;

/// <summary>A tiny 16px base model, its discriminator file and a folder of a user's photos, in a temporary folder.</summary>
public sealed class TinyPersonalBase : IDisposable
{
    public TinyPersonalBase(int photos = 6, int baseSteps = 2)
    {
        Folder = Directory.CreateTempSubdirectory("creativegen-personal-").FullName;
        using var trainer = TinyLandscapeModels.Trainer();
        using (var synthetic = Ml.Landscapes.Data.LandscapeIngest.Load(SyntheticImages.Folder(4), 16))
            for (var i = 0; i < baseSteps; i++) trainer.TrainStep(synthetic);
        var training = Path.Combine(Folder, "base.train.ckpt");
        trainer.Save(training, BaseModelPath);
        BaseDiscriminatorFile.ExportFrom(training, BaseDiscriminatorPath);
        Directory.CreateDirectory(PhotoFolder);
        for (var i = 0; i < photos; i++)
            File.WriteAllBytes(Path.Combine(PhotoFolder, $"street-{i}.png"),
                SyntheticImages.Encode(80, 64, x => new SKColor((byte)(200 - 20 * i), (byte)(3 * x), 90), SKEncodedImageFormat.Png));
    }

    public string Folder { get; }
    public string BaseModelPath => Path.Combine(Folder, "base.ckpt");
    public string BaseDiscriminatorPath => Path.Combine(Folder, "base-discriminator.ckpt");
    public string PhotoFolder => Path.Combine(Folder, "photos");
    public string RunFolder(string name) => Path.Combine(Folder, name);

    public static PersonalFineTuneOptions Options(double cpuSeconds = 600) =>
        new(cpuSeconds, frozenGeneratorBlocks: 1, frozenDiscriminatorStages: 1, batchSize: 4);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
