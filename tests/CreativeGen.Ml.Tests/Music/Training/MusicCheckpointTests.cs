using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music.Training;

/// <summary>Integrity of music checkpoints, on an untrained tiny model (no data needed).</summary>
public sealed class MusicCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creativegen-music-ckpt-").FullName;

    public MusicCheckpointTests() => TorchRuntime.Initialize();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_TwentyFlippedBitsInACheckpoint_ThrowsNamingTheFileInsteadOfResuming()
    {
        var path = SaveTinyCheckpoint("last.ckpt");
        var bytes = File.ReadAllBytes(path);
        var random = new Random(20);
        for (var i = 0; i < 20; i++) bytes[random.Next(bytes.Length / 2, bytes.Length - 64)] ^= (byte)(1 << random.Next(8)); // in the weights
        var damaged = Path.Combine(folder, "flipped.ckpt");
        File.WriteAllBytes(damaged, bytes);

        var error = Assert.Throws<InvalidDataException>(() => MusicCheckpoint.Load(damaged));
        Assert.Contains(damaged, error.Message);
        Assert.Contains("checksum", error.Message);
        Assert.Contains(damaged, Assert.Throws<InvalidDataException>(() => MusicCheckpoint.ReadHeader(damaged)).Message);
    }

    [Fact]
    public void Load_TruncatedCheckpoint_ThrowsNamingTheFile()
    {
        var bytes = File.ReadAllBytes(SaveTinyCheckpoint("last.ckpt"));
        var truncated = Path.Combine(folder, "truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 2 / 3)]);

        Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => MusicCheckpoint.Load(truncated)).Message);
    }

    [Fact]
    public void Load_CheckpointItSaved_RestoresTheSameWeights()
    {
        var path = SaveTinyCheckpoint("best.ckpt", out var saved);
        var (header, model, _) = MusicCheckpoint.Load(path);
        using (saved)
        using (model)
        {
            Assert.Equal(saved.Config, header.Model);
            var loaded = model.state_dict();
            foreach (var (name, tensor) in saved.state_dict()) CreativeGen.Ml.Tests.Landscapes.TensorAssert.Identical(tensor, loaded[name], name);
        }
    }

    /// <summary>The shipped model predates the checksum frame; its bytes, and so its version, must stay as they are.</summary>
    [Fact]
    public void Load_ShippedModelWithoutTheFrame_StillLoadsUnderItsVersion()
    {
        var path = DefaultModels.Require(DefaultModels.MusicFileName);
        Assert.Equal("9d0df7951f8e", MusicCheckpoint.Version(path));
        var (header, model, _) = MusicCheckpoint.Load(path);
        using (model) Assert.Equal(256, header.Model.HiddenSize);
    }

    private string SaveTinyCheckpoint(string name)
    {
        var path = SaveTinyCheckpoint(name, out var model);
        model.Dispose();
        return path;
    }

    private string SaveTinyCheckpoint(string name, out MusicLstm model)
    {
        var header = UntrainedMusicModel.Header();
        model = new MusicLstm(header.Model);
        var path = Path.Combine(folder, name);
        MusicCheckpoint.Save(path, header, model, null);
        return path;
    }
}
