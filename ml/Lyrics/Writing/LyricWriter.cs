using CreativeGen.Ml.Lyrics.Model;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Ml.Lyrics.Writing;

/// <summary>
/// Writes lyrics under hard constraints with a stochastic beam search over the reversed-line model: each line grows
/// from its last word (the rhyme) towards its first. A candidate word is allowed only if
/// <list type="bullet">
/// <item>it fits the syllables left (so every finished line has exactly the count asked for);</item>
/// <item>a word of several syllables puts its primary stress on a strong beat;</item>
/// <item>as a line's last word, it is stressed on its last syllable and rhymes (CMUdict, usual pronunciation) with the
/// line its scheme pairs it with, or, opening a rhyme, has at least <see cref="MinRhymePartners"/> such partners;</item>
/// <item>it is not already in the line.</item>
/// </list>
/// Among allowed words the model's log-probabilities rank the beams, with bonuses for theme words and penalties for
/// repeats; Gumbel noise drawn from a seeded <see cref="StreamRandom"/> varies the words with the seed (scores are divided by
/// the temperature first: 0.6 keeps the model's preferences sharper than plain sampling would). When a line
/// cannot be finished, stress is relaxed first, then the rhyme (the line is flagged). Logits come from the row-exact
/// C# <see cref="LstmStepper"/>, so the same request gives the same words on any CPU.
/// </summary>
public sealed class LyricWriter(LyricModel model, int beamWidth = 8, double temperature = 0.6)
{
    public const int MinRhymePartners = 4;
    private const double ThemeBonus = 1.0;
    private const double ThemeRhymeBonus = 2.5;
    private const double RepeatPenalty = 2.0;
    private const double RelaxedStressPenalty = 4.0;

    private readonly int[] partners = CountPartners(model);

    public LyricModel Model => model;

    public WrittenLyrics Write(LyricRequest request)
    {
        request.Validate();
        var random = new StreamRandom(request.Seed);
        var theme = ThemeWords.Ids(request.Theme, model);
        var groups = request.RhymeGroups();
        var anchors = new Dictionary<int, int>();
        var lineEnds = new HashSet<int>();
        var lines = new List<WrittenLine>();
        var context = new List<long>();
        var stanzaWords = new HashSet<int>();
        using var stepper = new LstmStepper(model.Network, threads: 1);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            if (i % request.Scheme.Length == 0)
            {
                context = [LyricVocabulary.StartOfStanza];
                stanzaWords.Clear();
            }
            var opensGroup = !anchors.ContainsKey(groups[i]);
            var groupContinues = groups.Skip(i + 1).Contains(groups[i]);
            var rules = new LineRules(request.Lines[i], opensGroup ? null : anchors[groups[i]], opensGroup && groupContinues, lineEnds, stanzaWords, theme);
            var (ids, relaxed) = WriteLine(stepper, context, rules, random, relaxStress: false, keepRhyme: true) is { } strict ? (strict, false)
                : WriteLine(stepper, context, rules, random, relaxStress: true, keepRhyme: true) is { } looser ? (looser, false)
                : (WriteLine(stepper, context, rules, random, relaxStress: true, keepRhyme: false)!, true);
            if (opensGroup) anchors[groups[i]] = ids[0];
            lineEnds.Add(ids[0]);
            foreach (var id in ids) stanzaWords.Add(id);
            context.AddRange(ids.Select(id => (long)id));
            context.Add(LyricVocabulary.EndOfLine);
            var words = ids.AsEnumerable().Reverse().ToArray();
            lines.Add(new WrittenLine(words.Select(id => model.Vocabulary.Words[id]).ToArray(), words.Select(id => model.Syllables[id]).ToArray(), groups[i], relaxed));
        }
        return new WrittenLyrics(lines, model.Version, request.Scheme, request.Theme, request.Seed);
    }

    private sealed record LineRules(LineConstraint Constraint, int? Anchor, bool NeedsPartners, HashSet<int> UsedLineEnds, HashSet<int> StanzaWords, HashSet<int> Theme);

    private sealed record Beam(int[] Ids, int Filled, double Score, double Noisy);

    /// <returns>The line's word ids, last word first; null when no beam could finish under these rules.</returns>
    private int[]? WriteLine(LstmStepper stepper, List<long> context, LineRules rules, StreamRandom random, bool relaxStress, bool keepRhyme)
    {
        var target = rules.Constraint.Syllables;
        stepper.Reset(1);
        float[] logits = [];
        foreach (var token in context) logits = Step(stepper, [token]);
        // Make room for the whole beam once (KeepRows only gathers within the rows it has), then go back to one row.
        stepper.AddRows(beamWidth);
        stepper.KeepRows([0]);
        var beams = new List<Beam> { new([], 0, 0, 0) };
        var finished = new List<Beam>();
        var vocabulary = model.Vocabulary.Size;
        for (var step = 0; step <= target && beams.Count > 0; step++)
        {
            var candidates = new List<(Beam Parent, int Row, int Id, double Score, double Noisy)>();
            for (var row = 0; row < beams.Count; row++)
            {
                var beam = beams[row];
                var logProbabilities = LogSoftmax(logits, row * vocabulary, vocabulary);
                if (beam.Filled == target)
                {
                    var score = beam.Score + logProbabilities[LyricVocabulary.EndOfLine];
                    finished.Add(beam with { Score = score, Noisy = beam.Noisy + logProbabilities[LyricVocabulary.EndOfLine] });
                    continue;
                }
                for (var id = LyricVocabulary.Markers.Length; id < vocabulary; id++)
                {
                    if (Allowed(beam, id, rules, relaxStress, keepRhyme) is not { } penalty) continue;
                    var bonus = rules.Theme.Contains(id) ? (beam.Ids.Length == 0 ? ThemeRhymeBonus : ThemeBonus) : 0;
                    if (rules.StanzaWords.Contains(id)) bonus -= RepeatPenalty;
                    var total = beam.Score + logProbabilities[id] + bonus - penalty;
                    candidates.Add((beam, row, id, total, beam.Noisy + (logProbabilities[id] + bonus - penalty) / temperature + Gumbel(random)));
                }
            }
            var kept = candidates.OrderByDescending(c => c.Noisy).ThenBy(c => c.Row).ThenBy(c => c.Id).Take(beamWidth).ToList();
            if (kept.Count == 0) break;
            beams = kept.Select(c => new Beam([.. c.Parent.Ids, c.Id], c.Parent.Filled + model.Syllables[c.Id], c.Score, c.Noisy)).ToList();
            stepper.KeepRows(kept.Select(c => (long)c.Row).ToArray());
            logits = Step(stepper, kept.Select(c => (long)c.Id).ToArray());
        }
        // Beams that filled the line on the last step still owe their end-of-line probability.
        for (var row = 0; row < beams.Count; row++)
            if (beams[row].Filled == target)
                finished.Add(beams[row] with { Score = beams[row].Score + LogSoftmax(logits, row * vocabulary, vocabulary)[LyricVocabulary.EndOfLine] });
        return finished.Count == 0 ? null : finished.OrderByDescending(b => b.Noisy).ThenBy(b => string.Join(',', b.Ids)).First().Ids;
    }

    /// <returns>null when the word may not go here, else a penalty (0 unless a relaxed stress rule was broken).</returns>
    private double? Allowed(Beam beam, int id, LineRules rules, bool relaxStress, bool keepRhyme)
    {
        var syllables = model.Syllables[id];
        var target = rules.Constraint.Syllables;
        if (syllables == 0 || beam.Filled + syllables > target || beam.Ids.Contains(id)) return null;
        if (beam.Ids.Length == 0)
        {
            if (rules.UsedLineEnds.Contains(id)) return null;
            // Rhymes are made on the usual pronunciations and a stressed vowel: "but"/"that" share a sound only through
            // the reduced variant DH AH0 T, which no singer would hear as a rhyme.
            // Line ends also carry their stress on the last syllable (masculine rhymes: "day"/"away"): a feminine ending
            // ("river") would need partners of the same shape that the other line's beats may not allow.
            if (keepRhyme && !EndsStressed(id)) return null;
            if (keepRhyme && rules.Anchor is { } anchor
                && (model.RhymeParts[anchor] != model.RhymeParts[id] || !model.Lexicon.Rhymes(model.Vocabulary.Words[anchor], model.Vocabulary.Words[id]))) return null;
            if (keepRhyme && rules.NeedsPartners && partners[id] < MinRhymePartners) return null;
        }
        var penalty = 0.0;
        if (syllables > 1)
        {
            var start = target - beam.Filled - syllables;
            var stresses = model.Stresses[id];
            for (var j = 0; j < syllables; j++)
                if (stresses[j] == 1 && !rules.Constraint.Strong[start + j])
                {
                    if (!relaxStress) return null;
                    penalty += RelaxedStressPenalty;
                }
        }
        return penalty;
    }

    private bool EndsStressed(int id) => EndsStressed(model, id);

    private static bool EndsStressed(LyricModel model, int id) => model.Stresses[id] is { Length: > 0 } stresses && stresses[^1] == 1;

    private static float[] Step(LstmStepper stepper, long[] tokens)
    {
        using var logits = stepper.Step(tokens);
        return logits.data<float>().ToArray();
    }

    private static double[] LogSoftmax(float[] logits, int offset, int count)
    {
        var max = double.NegativeInfinity;
        for (var i = 0; i < count; i++) max = Math.Max(max, logits[offset + i]);
        var sum = 0.0;
        for (var i = 0; i < count; i++) sum += Math.Exp(logits[offset + i] - max);
        var log = max + Math.Log(sum);
        var result = new double[count];
        for (var i = 0; i < count; i++) result[i] = logits[offset + i] - log;
        return result;
    }

    private static double Gumbel(StreamRandom random) => -Math.Log(-Math.Log(Math.Max(random.NextDouble(), 1e-300)));

    /// <summary>How many other vocabulary words rhyme with each word (by primary pronunciation), so rhymes are opened only where they can close.</summary>
    private static int[] CountPartners(LyricModel model)
    {
        var counts = new int[model.Vocabulary.Size];
        foreach (var (_, ids) in model.RhymeClasses)
            foreach (var id in ids)
                counts[id] = EndsStressed(model, id)
                    ? ids.Count(other => other != id && EndsStressed(model, other) && model.Lexicon.Rhymes(model.Vocabulary.Words[id], model.Vocabulary.Words[other]))
                    : 0;
        return counts;
    }
}
