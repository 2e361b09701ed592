using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Sampling;
using CreativeGen.Ml.Landscapes.Training;
using SkiaSharp;

namespace CreativeGen.Ml.Tests.Landscapes.Sampling;

/// <summary>Generation from a tiny model trained for a few steps on real photos.</summary>
public sealed class LandscapeModelTests : IClassFixture<LandscapeModelTests.TrainedTinyModel>
{
    private readonly TrainedTinyModel trained;

    public LandscapeModelTests(TrainedTinyModel trained) => this.trained = trained;

    [SkippableFact]
    public void GeneratePng_SameSeedInDifferentBatches_GivesIdenticalPixels()
    {
        using var model = LandscapeModelLoader.Load(trained.ModelPath);
        var alone = model.GeneratePng([new LandscapeRequest("mountain", 7)]);
        var mixed = model.GeneratePng([new LandscapeRequest("sea", 1), new LandscapeRequest("mountain", 7), new LandscapeRequest("forest", 99, 0.5)]);
        using var reloaded = LandscapeModelLoader.Load(trained.ModelPath);
        var again = reloaded.GeneratePng([new LandscapeRequest("mountain", 7)]);

        Assert.Equal(alone[0], mixed[1]);
        Assert.Equal(alone[0], again[0]);
        Assert.Equal(model.ModelVersion, reloaded.ModelVersion);
        Assert.NotEqual(alone[0], model.GeneratePng([new LandscapeRequest("mountain", 8)])[0]);
        Assert.NotEqual(alone[0], model.GeneratePng([new LandscapeRequest("sea", 7)])[0]);
        using var png = SKBitmap.Decode(alone[0]);
        Assert.Equal(16, png.Width);
        Assert.Equal(16, png.Height);
    }

    [SkippableFact]
    public void GeneratePng_TruncationAndBadRequests_ChangeOrRejectClearly()
    {
        using var model = LandscapeModelLoader.Load(trained.ModelPath);
        var full = model.GeneratePng([new LandscapeRequest("glacier", 3)])[0];
        var truncated = model.GeneratePng([new LandscapeRequest("glacier", 3, 0.3)])[0];
        Assert.NotEqual(full, truncated);
        Assert.Contains("ψ", Assert.Throws<ArgumentException>(() => model.GeneratePng([new LandscapeRequest("glacier", 3, 0)])).Message);
        Assert.Contains("desert", Assert.Throws<ArgumentException>(() => model.GeneratePng([new LandscapeRequest("desert", 3)])).Message);
        Assert.Empty(model.GeneratePng([]));
    }

    [SkippableFact]
    public void Interpolate_BetweenSeedsAndCategories_StartsAndEndsAtThoseImages()
    {
        using var model = LandscapeModelLoader.LoadModel(trained.ModelPath);
        var frames = model.Interpolate(11, 12, "forest", "sea", 5);
        var ends = model.GenerateRgb([new LandscapeRequest("forest", 11), new LandscapeRequest("sea", 12)]);
        Assert.Equal(5, frames.Count);
        Assert.True(MaxDifference(frames[0], ends[0]) <= 1, "first frame is (seed A, category A)");
        Assert.True(MaxDifference(frames[4], ends[1]) <= 1, "last frame is (seed B, category B)");
        Assert.True(MaxDifference(frames[2], frames[0]) > 0 && MaxDifference(frames[2], frames[4]) > 0);
    }

    [SkippableFact]
    public void Load_MissingOrCorruptCheckpoint_ThrowsClearErrors()
    {
        Assert.Throws<FileNotFoundException>(() => LandscapeModelLoader.Load("/nonexistent/landscape.ckpt"));
        var garbage = Path.Combine(trained.Folder, "garbage.ckpt");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5]);
        Assert.Throws<InvalidDataException>(() => LandscapeModelLoader.Load(garbage));
        var truncated = Path.Combine(trained.Folder, "truncated.ckpt");
        var bytes = File.ReadAllBytes(trained.ModelPath);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => LandscapeModelLoader.Load(truncated));
        Assert.Contains("truncated.ckpt", error.Message);
    }

    private static int MaxDifference(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>Trained on first use, so that without the shared data each test skips instead of the fixture failing.</summary>
    public sealed class TrainedTinyModel : IDisposable
    {
        private readonly Lazy<string> modelPath;

        public TrainedTinyModel()
        {
            Folder = Directory.CreateTempSubdirectory("creativegen-model-").FullName;
            modelPath = new Lazy<string>(Train);
        }

        public string Folder { get; }
        public string ModelPath => modelPath.Value;

        private string Train()
        {
            TorchRuntime.Initialize();
            using var data = new LandscapeTestData(perCategory: 4);
            using var dataset = data.Load(16);
            using var trainer = TinyLandscapeModels.Trainer();
            for (var i = 0; i < 3; i++) trainer.TrainStep(dataset);
            var path = Path.Combine(Folder, "model.ckpt");
            trainer.Save(Path.Combine(Folder, "train.ckpt"), path);
            return path;
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
