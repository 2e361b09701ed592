using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Sampling;

public class DefaultModelTests
{
    [Fact]
    public void DefaultModel_ShippedInModels_LoadsWithinSizeLimitAndGeneratesPiano()
    {
        var path = DefaultModels.Require(DefaultModels.MusicFileName);
        Assert.InRange(new FileInfo(path).Length, 1, 10_000_000);

        using var generator = MusicModelLoader.Load(path);
        var midi = generator.GenerateMidi([new MusicRequest("Chopin", 5, 1.0, null, 0.95, 1)])[0];

        Assert.Contains("Chopin", generator.Composers);
        var piece = MidiReader.Read(midi, "default-model.mid");
        Assert.True(piece.Notes.Count >= 5, $"only {piece.Notes.Count} notes in 5 s");
        Assert.All(piece.Notes, n => Assert.InRange(n.Pitch, 21, 108)); // a piano's range
    }
}
