using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Midi;

/// <summary>The primer the README continues (`--primer samples/start.mid`) ships with the repository.</summary>
public sealed class SamplePrimerTests
{
    [Fact]
    public void Read_ReadmePrimer_IsAFewCleanBarsOfRealPiano()
    {
        var piece = MidiReader.Read(Path.Combine(TestData.RepositoryRoot, "samples", "start.mid"));

        Assert.InRange(piece.Notes.Count, 32, 400);
        Assert.InRange(piece.DurationSeconds, 5, 30);
        Assert.Equal(new IngestReport(0, 0, 0, 0), piece.Report);
    }
}
