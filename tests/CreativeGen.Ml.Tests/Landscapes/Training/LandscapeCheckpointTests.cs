using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Evaluation;
using CreativeGen.Ml.Landscapes.Training;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

/// <summary>Integrity of landscape checkpoints, on an untrained tiny GAN (no photos needed).</summary>
public sealed class LandscapeCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creativegen-landscape-ckpt-").FullName;
    private readonly string trainingPath;
    private readonly string modelPath;

    public LandscapeCheckpointTests()
    {
        TorchRuntime.Initialize();
        trainingPath = Path.Combine(folder, "train.ckpt");
        modelPath = Path.Combine(folder, "model.ckpt");
        using var trainer = TinyLandscapeModels.Trainer();
        trainer.Save(trainingPath, modelPath);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Resume_TrainingCheckpointWithFlippedBits_ThrowsNamingTheFileInsteadOfDiverging()
    {
        var bytes = File.ReadAllBytes(trainingPath);
        var random = new Random(301);
        for (var i = 0; i < 20; i++) bytes[random.Next(bytes.Length / 2, bytes.Length - 64)] ^= (byte)(1 << random.Next(8));
        var damaged = Write("flipped.train.ckpt", bytes);

        var error = Assert.Throws<InvalidDataException>(() => LandscapeTrainer.Resume(damaged));
        Assert.Contains(damaged, error.Message);
        Assert.Contains("checksum", error.Message);

        var model = File.ReadAllBytes(modelPath);
        model[model.Length / 2] ^= 0x04;
        var damagedModel = Write("flipped.model.ckpt", model);
        Assert.Contains(damagedModel, Assert.Throws<InvalidDataException>(() => LandscapeModelLoader.Load(damagedModel)).Message);
    }

    [Fact]
    public void Resume_TruncatedCheckpointWithOrWithoutTheFrame_ThrowsNamingTheFile()
    {
        var framed = File.ReadAllBytes(trainingPath);
        var truncated = Write("truncated.train.ckpt", framed[..(framed.Length - 100)]);
        Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => LandscapeTrainer.Resume(truncated)).Message);

        // A file from before the frame, cut inside the optimizer state: torch's "read past the end of the stream" used
        // to surface without a file name.
        var legacy = WithoutFrame(framed);
        var legacyTruncated = Write("legacy-truncated.train.ckpt", legacy[..(legacy.Length - 100)]);
        var error = Assert.Throws<InvalidDataException>(() => LandscapeTrainer.Resume(legacyTruncated));
        Assert.Contains(legacyTruncated, error.Message);
    }

    [Fact]
    public void Resume_CheckpointFromBeforeTheFrame_StillLoads()
    {
        var legacy = Write("legacy.train.ckpt", WithoutFrame(File.ReadAllBytes(trainingPath)));
        using var resumed = LandscapeTrainer.Resume(legacy);
        using var original = LandscapeTrainer.Resume(trainingPath);
        var expected = original.Generator.state_dict();
        foreach (var (name, tensor) in resumed.Generator.state_dict()) TensorAssert.Identical(expected[name], tensor, name);
    }

    /// <summary>The shipped files predate the checksum frame; their bytes, and so their versions, must stay as they are.</summary>
    [Fact]
    public void Load_ShippedModelsWithoutTheFrame_StillLoadUnderTheirVersions()
    {
        using (var shipped = LandscapeModelLoader.LoadModel(DefaultModels.Require(DefaultModels.LandscapeFileName)))
            Assert.Equal("04f08f0f472b.r3", shipped.ModelVersion);
        using (var previous = LandscapeModelLoader.LoadModel(Path.Combine(DefaultModels.Directory, "archive", "landscape-64", "b55eb7a60943.ckpt")))
            Assert.Equal("b55eb7a60943.r3", previous.ModelVersion);
        using (var archived = LandscapeModelLoader.LoadModel(Path.Combine(DefaultModels.Directory, "archive", "landscape-64", "9041a2b2eb41.ckpt")))
            Assert.Equal("9041a2b2eb41.r3", archived.ModelVersion);
        var (classifier, header) = ClassifierTraining.Load(DefaultModels.Require("landscape-classifier.ckpt"));
        using (classifier) Assert.Equal(4, header.Categories.Length);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The payload alone (magic, length and hash stripped): byte for byte what the writers produced before the frame.</summary>
    private static byte[] WithoutFrame(byte[] framed) => framed[8..^40];
}
