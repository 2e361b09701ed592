using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Evaluation;

public class OriginalityTests
{
    [SkippableFact]
    public void LongestSharedRun_CopiedTrainingPiece_IsTheWholePieceWhileUnseenMusicSharesLittle()
    {
        var training = MusicTestData.Files(MusicTestData.PianoTrain, 5, stride: 50)
            .Select(f => (Path.GetFileName(f), (IReadOnlyList<MidiNote>)MidiReader.Read(f).Notes)).ToList();
        var pitches = Originality.ForPitches(training);
        var pairs = Originality.ForPitchDurations(training);
        var copy = GeneratedSetEvaluator.Segment(MidiReader.Read(MusicTestData.Files(MusicTestData.PianoTrain, 5, stride: 50)[2]), 20);
        var unseen = GeneratedSetEvaluator.Segment(MidiReader.Read(MusicTestData.Files(MusicTestData.PianoVal, 1)[0]), 20);

        var copied = pitches.LongestSharedRun(Originality.PitchSequence(copy));
        var unclipped = training[2].Item2.Take(150).ToList(); // the segment clips the durations of its last notes
        var copiedPairs = pairs.LongestSharedRun(Originality.PitchDurationSequence(unclipped));
        var fresh = pitches.LongestSharedRun(Originality.PitchSequence(unseen));

        Assert.Equal(copy.Count, copied.Length);
        Assert.Equal(training[2].Item1, copied.TrainingPiece);
        Assert.Equal(unclipped.Count, copiedPairs.Length);
        Assert.InRange(fresh.Length, 1, unseen.Count / 2);
    }

    [Fact]
    public void LongestSharedRun_PlantedRun_FoundWithItsExactLength()
    {
        int[] piece = [60, 62, 64, 65, 67, 69, 71, 72, 74, 76];
        MidiNote Note(int pitch, int i) => new(pitch, 80, i * 0.5, i * 0.5 + 0.4, i, i + 0.8);
        var training = new[] { ("t", (IReadOnlyList<MidiNote>)[.. piece.Select(Note)]) };
        var index = Originality.ForPitches(training);

        // 30, 31, then 64 65 67 69 71 (5 shared), then 90.
        var probe = index.LongestSharedRun([30, 31, 64, 65, 67, 69, 71, 90]);
        var none = index.LongestSharedRun([1, 2, 3]);
        var two = index.LongestSharedRun([65, 67, 1]);

        Assert.Equal(5, probe.Length);
        Assert.Equal(0, none.Length);
        Assert.Equal(2, two.Length);
    }
}
