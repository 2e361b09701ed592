using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>
/// Compares generated pieces with a reference folder (Yang &amp; Lerch statistics, each reference piece cut to
/// its first <c>segmentSeconds</c> so lengths match) and measures originality against a training folder.
/// The reference segments' own shared runs with the training set are reported too, as the baseline of
/// what unseen real music shares with it.
/// </summary>
public static class GeneratedSetEvaluator
{
    public static GeneratedSetReport Evaluate(
        IReadOnlyList<IReadOnlyList<MidiNote>> generated, string referenceFolder, string? trainingFolder, double segmentSeconds, bool applySustain = true,
        Action<string>? log = null)
    {
        if (generated.Count == 0) throw new ArgumentException("no generated pieces to evaluate");
        var reference = MidiCorpus.Load(referenceFolder, log: log).Pieces
            .Select(p => Segment(applySustain ? SustainPedal.Apply(p.Piece) : p.Piece, segmentSeconds))
            .Where(notes => notes.Count > 0).ToList();
        var features = SetComparison.Compare([.. generated.Select(PieceFeatures.Of)], [.. reference.Select(PieceFeatures.Of)]);

        RunDistribution pitchRuns = RunDistribution.Of([]), pairRuns = RunDistribution.Of([]);
        RunDistribution? referencePitch = null, referencePair = null;
        if (trainingFolder is not null)
        {
            var training = MidiCorpus.Load(trainingFolder, log: log).Pieces
                .Select(p => (Path.GetFileName(p.Path), (IReadOnlyList<MidiNote>)(applySustain ? SustainPedal.Apply(p.Piece) : p.Piece).Notes))
                .ToList();
            var pitches = Originality.ForPitches(training);
            var pairs = Originality.ForPitchDurations(training);
            pitchRuns = RunDistribution.Of([.. generated.Select(g => pitches.LongestSharedRun(Originality.PitchSequence(g)))]);
            pairRuns = RunDistribution.Of([.. generated.Select(g => pairs.LongestSharedRun(Originality.PitchDurationSequence(g)))]);
            referencePitch = RunDistribution.Of([.. reference.Select(r => pitches.LongestSharedRun(Originality.PitchSequence(r)))]);
            referencePair = RunDistribution.Of([.. reference.Select(r => pairs.LongestSharedRun(Originality.PitchDurationSequence(r)))]);
        }
        return new GeneratedSetReport(generated.Count, reference.Count, segmentSeconds, features, pitchRuns, pairRuns, referencePitch, referencePair,
            RepetitionStructure.Summarize(generated), RepetitionStructure.Summarize(reference));
    }

    /// <summary>The notes that start in the first <paramref name="seconds"/> after the first onset, ends clipped (times unchanged).</summary>
    public static IReadOnlyList<MidiNote> Segment(MidiPiece piece, double seconds)
    {
        var start = piece.Notes.Min(n => n.StartSeconds);
        return [.. piece.Notes
            .Where(n => n.StartSeconds - start < seconds)
            .Select(n => n.EndSeconds <= start + seconds ? n : n with { EndSeconds = start + seconds })];
    }
}
