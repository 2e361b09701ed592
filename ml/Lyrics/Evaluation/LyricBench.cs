using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Model;
using CreativeGen.Ml.Lyrics.Pronunciation;
using CreativeGen.Ml.Lyrics.Writing;

namespace CreativeGen.Ml.Lyrics.Evaluation;

/// <summary>One melody of the bench with the words set to it.</summary>
public sealed record BenchSong(string Name, string Scheme, string? Theme, SungSong Song, IReadOnlyList<LineConstraint> Constraints);

/// <summary>The lyric measures over a set of melodies (see <see cref="LyricMetrics"/>).</summary>
public sealed record LyricBenchReport(
    Share Rhymes,
    Share ExactSyllables,
    Share StressOnStrong,
    Share RealVerseStress,
    int CopiedRuns,
    int RelaxedLines,
    double LstmPerplexity,
    double NGramPerplexity,
    double SecondsPerLine,
    IReadOnlyList<BenchSong> Songs);

public static class LyricBench
{
    /// <summary>Writes lyrics for every melody (scheme and theme taken in turn from the lists, seed = index + 1) and measures them.</summary>
    public static LyricBenchReport Run(LyricWriter writer, Lexicon fullLexicon, IReadOnlyList<Stanza> train, IReadOnlyList<Stanza> validation,
        IReadOnlyList<(string Name, IReadOnlyList<MelodyNote> Melody)> melodies, IReadOnlyList<string> schemes, IReadOnlyList<string?> themes)
    {
        var model = writer.Model;
        var originality = new LyricOriginality(train);
        var songs = new List<BenchSong>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < melodies.Count; i++)
        {
            var (scheme, theme) = (schemes[i % schemes.Count], themes[i % themes.Count]);
            var song = LyricSetter.Set(writer, melodies[i].Melody, scheme, theme, seed: i + 1);
            songs.Add(new BenchSong(melodies[i].Name, scheme, theme, song, song.Slots.Select(s => new LineConstraint(s.Strong)).ToArray()));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var (rhymes, exact, stress, real) = (new Share(0, 0), new Share(0, 0), new Share(0, 0), new Share(0, 0));
        var (copied, relaxed) = (0, 0);
        foreach (var song in songs)
        {
            var lines = song.Song.Lyrics.Lines.Select(l => l.Words).ToArray();
            var groups = new LyricRequest(song.Constraints, song.Scheme).RhymeGroups();
            rhymes += LyricMetrics.RhymedPairs(lines, groups, fullLexicon);
            exact += LyricMetrics.ExactSyllables(lines, song.Constraints, fullLexicon);
            stress += LyricMetrics.StressOnStrongBeats(lines, song.Constraints, fullLexicon);
            real += LyricMetrics.RealVerseStress(validation, song.Constraints, fullLexicon, maxLinesPerConstraint: 50);
            copied += originality.CopiedRuns(lines).Count;
            relaxed += song.Song.Lyrics.Lines.Count(l => l.Relaxed);
        }
        var validationStream = validation.SelectMany(s => model.Vocabulary.EncodeStanza(s.Lines)).ToArray();
        var trainStream = train.SelectMany(s => model.Vocabulary.EncodeStanza(s.Lines)).ToArray();
        var lstm = Math.Exp(LyricTrainer.Evaluate(model.Network, validationStream, 64, 32));
        var ngram = Math.Exp(new NGramBaseline(trainStream, model.Vocabulary.Size).CrossEntropy(validationStream));
        var lineCount = songs.Sum(s => s.Song.Lyrics.Lines.Count);
        return new LyricBenchReport(rhymes, exact, stress, real, copied, relaxed, lstm, ngram, seconds / Math.Max(1, lineCount), songs);
    }
}
