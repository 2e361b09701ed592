using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Evaluation;

public class SetComparisonTests
{
    private static List<PieceFeatures> Segments(string folder, int count, int stride) =>
        [.. MusicTestData.Files(folder, count, stride).Select(f => PieceFeatures.Of(GeneratedSetEvaluator.Segment(SustainPedal.Apply(MidiReader.Read(f)), 30)))];

    [SkippableFact]
    public void Compare_RealPianoAgainstPiano_OverlapsMoreThanMonotoneRepeatedNotes()
    {
        var reference = Segments(MusicTestData.PianoVal, 12, 2);
        var similar = Segments(MusicTestData.PianoTrain, 8, 30);
        MidiNote Note(int i) => new(60, 80, i * 0.25, i * 0.25 + 0.2, i * 0.5, i * 0.5 + 0.4);
        var monotone = Enumerable.Range(0, 6).Select(_ => PieceFeatures.Of([.. Enumerable.Range(0, 120).Select(Note)])).ToList();

        var good = SetComparison.Compare(similar, reference);
        var bad = SetComparison.Compare(monotone, reference);

        Assert.Equal(PieceFeatures.Names, good.Select(f => f.Feature));
        Assert.All(good.Concat(bad), f => Assert.InRange(f.OverlapArea, 0, 1));
        foreach (var feature in new[] { "pitch-class histogram", "pitch range", "used pitches", "polyphony" })
            Assert.True(good.Single(f => f.Feature == feature).OverlapArea > bad.Single(f => f.Feature == feature).OverlapArea + 0.2, feature);
        Assert.Equal(1, bad.Single(f => f.Feature == "used pitches").GeneratedMean);
    }

    [Fact]
    public void OverlapArea_SameSamples_IsOneAndDisjointIsZero()
    {
        double[] a = [1, 2, 3, 4, 5, 6];
        Assert.Equal(1, SetComparison.OverlapArea(a, a), 2);
        Assert.Equal(0, SetComparison.OverlapArea(a, [.. a.Select(x => x + 100)]), 3);
    }
}
