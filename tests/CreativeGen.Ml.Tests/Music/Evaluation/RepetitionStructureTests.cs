using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Evaluation;

public class RepetitionStructureTests
{
    [Fact]
    public void Of_BarsABAC_CountsOnlyTheReturnOfA()
    {
        // Bar A: C E G on beats 1, 2, 3. Bar B: D F A on beats 1, 3. Bar C: A C E on 1, 2, 3 (A's rhythm, other harmony).
        (int Pitch, double Beat)[] a = [(60, 0), (64, 1), (67, 2)], b = [(62, 0), (65, 2), (69, 2)], c = [(69, 0), (72, 1), (76, 2)];
        var notes = new[] { a, b, a, c }
            .SelectMany((bar, index) => bar.Select(n => new MidiNote(n.Pitch, 80, 0, 0, index * 4 + n.Beat, index * 4 + n.Beat + 0.5)))
            .ToList();

        var measure = RepetitionStructure.Of(notes);

        Assert.Equal(4, measure.Bars);
        Assert.Equal(1 / 3.0, measure.PitchClassRecurrence, 9); // A again
        Assert.Equal(2 / 3.0, measure.RhythmRecurrence, 9);     // A again, and C has A's rhythm
        Assert.Equal(1 / 3.0, measure.BarRecurrence, 9);
    }

    [SkippableFact]
    public void Of_RealPiano_RecursMoreThanTheSamePieceWithEveryBarTransposedApart()
    {
        var pieces = MusicTestData.Files(MusicTestData.PianoTrain, 6, stride: 40).Select(f => MidiReader.Read(f).Notes).ToList();
        // Moving each bar by its own interval keeps rhythm and texture but breaks every harmonic return.
        IReadOnlyList<MidiNote> Wander(IReadOnlyList<MidiNote> notes) =>
            [.. notes.Select(n => n with { Pitch = n.Pitch + (int)Math.Floor(n.StartBeats / RepetitionStructure.BeatsPerBar) * 7 % 12 })];

        var real = RepetitionStructure.Summarize(pieces);
        var wandering = RepetitionStructure.Summarize(pieces.Select(Wander));

        Assert.True(real.PitchClass.Median > wandering.PitchClass.Median + 0.1, $"real {real.PitchClass} vs wandering {wandering.PitchClass}");
        Assert.Equal(real.Rhythm, wandering.Rhythm);
        Assert.InRange(real.PitchClass.Median, 0.1, 0.95);
    }
}
