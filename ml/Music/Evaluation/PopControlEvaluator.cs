using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Music.Evaluation;

/// <summary>Melody statistics of a set of pieces: per-piece means, and the 10th–90th percentile band of the per-piece values.</summary>
public sealed record MelodyStatistic(string Name, double Mean, double Low, double High);

/// <summary>What `music pop-eval` measured (rates are fractions).</summary>
public sealed record PopControlReport(
    int Pieces, int Bars,
    double KeyExactKeyOnly, double KeyOrRelativeKeyOnly, double KeyExactWithChords, double KeyOrRelativeWithChords,
    double ChordAgreement, double RealKeyExact, double RealKeyOrRelative, double RealChordAgreement,
    IReadOnlyList<(MelodyStatistic Generated, MelodyStatistic Real)> Melody,
    IReadOnlyList<FeatureComparison> Features, IReadOnlyList<FeatureComparison> RealFloor);

/// <summary>
/// Key and chord control of a pop model, measured the way a user would ask: piece i requests key i mod 24 (every key
/// equally often), the tempo and an 8-bar-in chord progression of a POP909 val song in that mode transposed into that
/// key. Once with the key alone, once with key and chords. The same measures on the real val excerpts (against their
/// annotations) give the ceiling; melody statistics and Yang–Lerch feature overlap compare with val, next to the
/// val-vs-train floor of real music.
/// </summary>
public static class PopControlEvaluator
{
    private const int SkipBars = 8; // past most intros, where the melody has not started

    public static PopControlReport Evaluate(MusicGenerator generator, IReadOnlyList<PopSong> val, IReadOnlyList<PopSong> train, int pieces, double seconds,
        double temperature, double? topP, long seed = 1)
    {
        if (generator.Tokenizer is not PopBarTokenizer tokenizer) throw new ArgumentException($"model {generator.ModelName} is not a pop model");
        if (val.Count == 0 || pieces < 1) throw new ArgumentException("pop evaluation needs val songs and at least one piece");
        var excerpts = new List<(MusicKey Key, PopSong Song, double Bpm, int Bars, IReadOnlyList<PopNote> Notes, IReadOnlyList<Chord?> BeatChords)>();
        for (var i = 0; i < pieces; i++)
        {
            var key = MusicKey.FromIndex(i % 24);
            var song = Enumerable.Range(0, val.Count).Select(j => val[(i * 7 + j) % val.Count]).FirstOrDefault(s => s.Key.Minor == key.Minor) ?? val[i % val.Count];
            var shift = Harmony.Mod12(key.Tonic - song.Key.Tonic);
            var moved = song.Transpose(shift > 6 ? shift - 12 : shift);
            var bpm = Math.Clamp(Math.Round(moved.Bpm), 40, 240);
            var bars = (int)Math.Ceiling(seconds * bpm / 240);
            var (notes, chords) = Excerpt(moved, bars);
            excerpts.Add((key, moved, bpm, bars, notes, chords));
        }
        MusicRequest Request(int i, bool withChords)
        {
            var e = excerpts[i];
            var progression = withChords ? Enumerable.Range(0, e.Bars).Select(b => Chord.Format(e.BeatChords[b * PopSong.BeatsPerBar])).ToList() : null;
            return new MusicRequest(null, (e.Bars - 0.5) * 240 / e.Bpm, temperature, null, topP, seed + i, e.Bpm, e.Key.ToString(), progression);
        }
        var keyOnly = generator.GenerateTokens([.. Enumerable.Range(0, pieces).Select(i => Request(i, false))]);
        var withChords = generator.GenerateTokens([.. Enumerable.Range(0, pieces).Select(i => Request(i, true))]);

        double Rate(Func<int, bool> hit) => Enumerable.Range(0, pieces).Count(hit) / (double)pieces;
        IReadOnlyList<PopNote> Grid(IReadOnlyList<int> body) => tokenizer.DecodeGrid(body);
        bool Exact(IReadOnlyList<PopNote> notes, MusicKey key) => HarmonyMeasures.Key(notes) == key;
        bool Near(IReadOnlyList<PopNote> notes, MusicKey key) => HarmonyMeasures.Key(notes) is { } k && (k == key || k == key.Relative);

        var (agree, counted) = (0, 0);
        var (realAgree, realCounted) = (0, 0);
        for (var i = 0; i < pieces; i++)
        {
            var e = excerpts[i];
            var asked = Enumerable.Range(0, e.Bars * PopSong.BeatsPerBar).Select(b => e.BeatChords[b / PopSong.BeatsPerBar * PopSong.BeatsPerBar]).ToList();
            var (a, c) = HarmonyMeasures.ChordAgreement(Grid(withChords[i]), asked);
            (agree, counted) = (agree + a, counted + c);
            var (ra, rc) = HarmonyMeasures.ChordAgreement(e.Notes, e.BeatChords);
            (realAgree, realCounted) = (realAgree + ra, realCounted + rc);
        }

        var generatedMelodies = withChords.Select(b => Grid(b).Where(n => n.Part == PopPart.Melody).ToList()).ToList();
        var realMelodies = val.Select(s => Excerpt(s, excerpts[0].Bars).Notes.Where(n => n.Part == PopPart.Melody).ToList()).ToList();
        var melody = MelodyStatistics(generatedMelodies, excerpts[0].Bars).Zip(MelodyStatistics(realMelodies, excerpts[0].Bars)).ToList();

        var generatedFeatures = withChords.Select((b, i) => PieceFeatures.Of(tokenizer.Decode(b, excerpts[i].Bpm))).ToList();
        var valFeatures = val.Select(s => PieceFeatures.Of(Seconds(tokenizer, s, seconds))).ToList();
        var trainFeatures = train.Select(s => PieceFeatures.Of(Seconds(tokenizer, s, seconds))).ToList();

        return new PopControlReport(pieces, excerpts.Sum(e => e.Bars) / pieces,
            Rate(i => Exact(Grid(keyOnly[i]), excerpts[i].Key)), Rate(i => Near(Grid(keyOnly[i]), excerpts[i].Key)),
            Rate(i => Exact(Grid(withChords[i]), excerpts[i].Key)), Rate(i => Near(Grid(withChords[i]), excerpts[i].Key)),
            counted == 0 ? 0 : agree / (double)counted,
            Rate(i => Exact(excerpts[i].Notes, excerpts[i].Key)), Rate(i => Near(excerpts[i].Notes, excerpts[i].Key)),
            realCounted == 0 ? 0 : realAgree / (double)realCounted,
            melody, SetComparison.Compare(generatedFeatures, valFeatures), SetComparison.Compare(trainFeatures, valFeatures));
    }

    /// <summary>Bars [8, 8 + bars) of a song (earlier when it is short), moved to start at step 0, with their beat chords.</summary>
    public static (IReadOnlyList<PopNote> Notes, IReadOnlyList<Chord?> BeatChords) Excerpt(PopSong song, int bars)
    {
        var first = Math.Max(0, Math.Min(SkipBars, song.BarCount - bars));
        var (from, to) = (first * PopSong.StepsPerBar, (first + bars) * PopSong.StepsPerBar);
        var notes = song.Notes.Where(n => n.Start >= from && n.Start < to).Select(n => n with { Start = n.Start - from }).ToList();
        var chords = Enumerable.Range(first * PopSong.BeatsPerBar, bars * PopSong.BeatsPerBar)
            .Select(b => b < song.BeatChords.Count ? song.BeatChords[b] : null).ToList();
        return (notes, chords);
    }

    /// <summary>Melody range (semitones), mean pitch, notes per bar, mean duration (sixteenths) and share of onsets off the eighth grid.</summary>
    public static IReadOnlyList<MelodyStatistic> MelodyStatistics(IReadOnlyList<List<PopNote>> melodies, int bars)
    {
        var withNotes = melodies.Where(m => m.Count > 0).ToList();
        var rows = new (string Name, Func<List<PopNote>, double> Of)[]
        {
            ("melody range (semitones)", m => m.Max(n => n.Pitch) - m.Min(n => n.Pitch)),
            ("melody mean pitch", m => m.Average(n => n.Pitch)),
            ("melody notes per bar", m => m.Count / (double)bars),
            ("melody mean duration (16ths)", m => m.Average(n => n.Duration)),
            ("melody onsets off the 8th grid", m => m.Count(n => n.Start % 2 != 0) / (double)m.Count),
        };
        return [.. rows.Select(r =>
        {
            var values = withNotes.Select(r.Of).Order().ToArray();
            return values.Length == 0 ? new MelodyStatistic(r.Name, double.NaN, double.NaN, double.NaN)
                : new MelodyStatistic(r.Name, values.Average(), values[(int)(0.1 * (values.Length - 1))], values[(int)Math.Ceiling(0.9 * (values.Length - 1))]);
        })];
    }

    /// <summary>The first <paramref name="seconds"/> of a song's excerpt as notes in seconds (through the tokens, as generated pieces are).</summary>
    private static IReadOnlyList<MidiNote> Seconds(PopBarTokenizer tokenizer, PopSong song, double seconds)
    {
        var bars = (int)Math.Ceiling(seconds * song.Bpm / 240);
        var (notes, chords) = Excerpt(song, bars);
        var tokens = tokenizer.EncodeSong(song with { Notes = notes, BarCount = bars, BeatChords = chords });
        return tokenizer.Decode(tokens, song.Bpm);
    }
}
