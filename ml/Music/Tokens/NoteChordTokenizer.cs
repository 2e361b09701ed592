using System.Globalization;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Tokens;

/// <summary>
/// The seed's representation (Classical-Piano-Composer), made explicit about time: notes starting on the
/// same sixteenth are one symbol ("60.64.67:4" = C-E-G for four sixteenths; a single note is a one-pitch
/// chord), durations are quantized to {1,2,3,4,6,8,12,16} sixteenths, "+n" moves on n sixteenths while
/// something still sounds and "Rn" is an explicit rest of n sixteenths. The vocabulary comes from the
/// training split; an unseen chord falls back to its top note, else to &lt;unk&gt; (which decodes to nothing).
/// </summary>
public sealed class NoteChordTokenizer : MusicTokenizer
{
    public const int StepsPerBeat = 4;
    public const int MaxAdvance = 16;
    public static readonly int[] Durations = [1, 2, 3, 4, 6, 8, 12, 16];
    public const string Unknown = "<unk>";

    private readonly List<string> symbols;
    private readonly Dictionary<string, int> index;

    public NoteChordTokenizer(IReadOnlyList<string> symbols, ConditioningVocabulary? conditioning = null)
        : base(1, conditioning)
    {
        this.symbols = [.. symbols];
        if (this.symbols.Count == 0 || this.symbols[0] != Unknown) throw new InvalidDataException("the first symbol must be <unk>");
        index = this.symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
    }

    public override TokenizerKind Kind => TokenizerKind.NotesAndChords;

    public override int BaseSize => symbols.Count;

    public IReadOnlyList<string> Symbols => symbols;

    /// <summary>Counts every symbol of the training pieces and keeps those seen at least <paramref name="minCount"/> times (the most frequent <paramref name="maxSymbols"/>).</summary>
    public static NoteChordTokenizer Build(IEnumerable<MidiPiece> trainingPieces, ConditioningVocabulary? conditioning = null, int minCount = 2, int maxSymbols = 6000)
    {
        var counts = new Dictionary<string, int>();
        foreach (var piece in trainingPieces)
            foreach (var symbol in Symbolize(piece))
                counts[symbol] = counts.GetValueOrDefault(symbol) + 1;
        var fixedSymbols = Enumerable.Range(1, MaxAdvance).SelectMany(n => new[] { $"+{n}", $"R{n}" }).ToList();
        var chords = counts.Where(p => p.Value >= minCount && !fixedSymbols.Contains(p.Key))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, maxSymbols - fixedSymbols.Count - 1)).Select(p => p.Key);
        return new NoteChordTokenizer([Unknown, .. fixedSymbols, .. chords], conditioning);
    }

    public override int[] Encode(MidiPiece piece) => [.. Symbolize(piece).Select(Lookup)];

    /// <summary>The symbol strings of a piece, before vocabulary lookup.</summary>
    public static IEnumerable<string> Symbolize(MidiPiece piece)
    {
        var groups = piece.Notes
            .Where(n => n.Pitch is >= 0 and < 128)
            .GroupBy(n => (long)Math.Round(n.StartBeats * StepsPerBeat))
            .OrderBy(g => g.Key)
            .Select(g => (Step: g.Key, Pitches: g.Select(n => n.Pitch).Distinct().Order().ToList(),
                Duration: QuantizeDuration(g.Max(n => n.EndBeats - n.StartBeats) * StepsPerBeat)))
            .ToList();
        long soundingUntil = long.MinValue;
        if (groups.Count > 0)
            foreach (var symbol in Advance("R", groups[0].Step)) yield return symbol;
        for (var i = 0; i < groups.Count; i++)
        {
            var (step, pitches, duration) = groups[i];
            yield return $"{string.Join('.', pitches)}:{duration}";
            soundingUntil = Math.Max(soundingUntil, step + duration);
            if (i + 1 == groups.Count) yield break;
            var next = groups[i + 1].Step;
            var held = Math.Min(next, soundingUntil) - step;
            foreach (var symbol in Advance("+", held)) yield return symbol;
            foreach (var symbol in Advance("R", next - step - held)) yield return symbol;
        }
    }

    public override IReadOnlyList<MidiNote> Decode(IEnumerable<int> tokens, double bpm = 120)
    {
        var secondsPerStep = 60.0 / bpm / StepsPerBeat;
        var notes = new List<MidiNote>();
        long step = 0;
        foreach (var token in tokens)
        {
            if (token <= 0 || token >= BaseSize) continue;
            var symbol = symbols[token];
            if (symbol[0] is '+' or 'R')
            {
                step += int.Parse(symbol.AsSpan(1), CultureInfo.InvariantCulture);
                continue;
            }
            var (pitches, duration) = Parse(symbol);
            foreach (var pitch in pitches)
                notes.Add(NoteAt(pitch, 80, step * secondsPerStep, (step + duration) * secondsPerStep, 0, bpm));
        }
        return notes;
    }

    public override double SecondsOf(int token, double bpm = 120)
    {
        if (token <= 0 || token >= BaseSize) return 0;
        var symbol = symbols[token];
        return symbol[0] is '+' or 'R' ? int.Parse(symbol.AsSpan(1), CultureInfo.InvariantCulture) * 60.0 / bpm / StepsPerBeat : 0;
    }

    public override TokenizerSpec ToSpec() => BaseSpec(symbols);

    protected override string DescribeOwn(int token) => symbols[token];

    public static int QuantizeDuration(double steps)
    {
        var best = Durations[0];
        foreach (var candidate in Durations)
            if (Math.Abs(candidate - steps) < Math.Abs(best - steps)) best = candidate;
        return best;
    }

    private int Lookup(string symbol)
    {
        if (index.TryGetValue(symbol, out var id)) return id;
        // Unseen chord: keep its top note (the melody) with the same duration when that is known.
        var (pitches, duration) = Parse(symbol);
        return index.TryGetValue($"{pitches[^1]}:{duration}", out var top) ? top : 0;
    }

    private static (int[] Pitches, int Duration) Parse(string symbol)
    {
        var colon = symbol.IndexOf(':');
        var pitches = symbol[..colon].Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (pitches, int.Parse(symbol.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> Advance(string kind, long steps)
    {
        for (; steps > 0; steps -= MaxAdvance) yield return $"{kind}{Math.Min(steps, MaxAdvance)}";
    }
}
