using CreativeGen.Ml.Music;
using NAudio.Midi;

namespace CreativeGen.Ml.Tests.Music.Sampling;

public sealed class TwoTrackGenerationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cg-music-nottingham-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void Generate_NottinghamStyleModel_WritesMelodyAndChordsOnTwoTracks()
    {
        var data = new Ml.Music.Training.MusicData(MusicTestData.NottinghamTrain, MusicTestData.NottinghamVal, 6, 2);
        var checkpoint = TinyModels.Train(folder, TinyModels.Options with { Tracks = 2, WindowsPerEpoch = 16 }, data);
        using var generator = MusicModelLoader.Load(checkpoint);

        var midi = generator.GenerateMidi([new MusicRequest(null, 10, 1.0, null, null, 4, 110)])[0];

        var file = new MidiFile(new MemoryStream(midi), strictChecking: true);
        Assert.Equal(3, file.Tracks); // conductor, melody, chords
        Assert.Single(file.Events[0].OfType<TempoEvent>());
        Assert.Equal(["Melody", "Chords"], file.Events.Skip(1).Select(t => t.OfType<TextEvent>().First().Text));
        Assert.Empty(generator.Composers);
    }
}
