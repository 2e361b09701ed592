using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Pop;

namespace CreativeGen.Grains.Users;

/// <summary>
/// What a user's ratings say about the labels they like: composers for music, categories for landscapes. A label's
/// affinity is the mean of (stars - 3) over its rated results, shrunk toward 0 by <see cref="PriorRatings"/>
/// neutral ratings, so one rating moves little and many move a lot. A choice among labels the request leaves open
/// weighs each label by exp(affinity): a label always rated 5 becomes up to e² ≈ 7.4 times as likely as an unrated
/// one, and one always rated 1 about 7.4 times less likely. No weight reaches zero, so a disliked label still comes
/// up now and then and can be re-rated.
/// </summary>
public sealed class TasteProfile
{
    /// <summary>Neutral ratings every label starts with.</summary>
    public const double PriorRatings = 2;

    private readonly RatingTallies tallies;

    private TasteProfile(RatingTallies tallies) => this.tallies = tallies;

    public static TasteProfile Empty { get; } = new(new RatingTallies());

    /// <summary>The profile of tallies kept over a whole history (they are read, not copied).</summary>
    public static TasteProfile From(RatingTallies tallies) => new(tallies);

    /// <summary>The profile of a history: rated entries only, each label's ratings pooled across model versions.</summary>
    public static TasteProfile From(IEnumerable<HistoryEntry> history) => new(RatingTallies.From(history));

    /// <summary>True once any result of this kind with a label has been rated.</summary>
    public bool HasRatings(ContentKind kind) => tallies.Of(kind).Count > 0;

    /// <summary>Shrunk mean of (stars - 3) for the label, in (-2, 2); 0 for a label never rated.</summary>
    public double Affinity(ContentKind kind, string label) => Shrunk(tallies.Of(kind), RatingTallies.Key(label));

    /// <summary>As <see cref="Affinity"/>, for the 10-bpm tempo band of <paramref name="bpm"/>.</summary>
    public double TempoAffinity(double bpm) => Shrunk(tallies.Tempi, RatingTallies.TempoBand(bpm));

    /// <summary>Candidate tempos drawn when ratings steer the tempo; one of them is kept.</summary>
    public const int TempoCandidates = 4;

    /// <summary>
    /// A tempo in [<paramref name="min"/>, <paramref name="max"/>]: uniform without tempo ratings (one draw, as
    /// before ratings steered it); otherwise one of <see cref="TempoCandidates"/> uniform draws, weighted by the
    /// affinity of its 10-bpm band, so tempos the user rated well come up more often and the range stays theirs.
    /// </summary>
    public double ChooseTempo(double min, double max, Random random)
    {
        double Draw() => min + random.NextDouble() * (max - min);
        if (tallies.Tempi.Count == 0) return Draw();
        var candidates = Enumerable.Range(0, TempoCandidates).Select(_ => Draw()).ToArray();
        return candidates[WeightedIndex([.. candidates.Select(c => Math.Exp(TempoAffinity(c)))], random)];
    }

    /// <summary>
    /// A pop key: uniform over the 24 keys without key ratings (the one draw it always was); otherwise weighted by
    /// exp(affinity of the key + affinity of its mode), so a user who likes A minor also hears more of the other minor keys.
    /// </summary>
    public string ChooseKey(Random random)
    {
        if (tallies.Keys.Count == 0) return MusicKey.FromIndex(random.Next(24)).ToString();
        var keys = Enumerable.Range(0, 24).Select(i => MusicKey.FromIndex(i).ToString()).ToArray();
        return keys[WeightedIndex([.. keys.Select(k =>
            Math.Exp(Shrunk(tallies.Keys, RatingTallies.Key(k)) + Shrunk(tallies.Modes, MusicTraits.Mode(k))))], random)];
    }

    /// <summary>
    /// Pop instruments once the user has rated pop pieces (null before: the model's defaults, as always): one per track
    /// from <see cref="MusicTraits.PopPalettes"/>, weighted by exp(affinity of that instrument on that track).
    /// </summary>
    public string[]? ChooseInstruments(Random random)
    {
        if (tallies.Instruments.Count == 0) return null;
        return [.. MusicTraits.PopPalettes.Select((palette, track) =>
            palette[WeightedIndex([.. palette.Select(i => Math.Exp(Shrunk(tallies.Instruments, MusicTraits.InstrumentKey(track, i))))], random)])];
    }

    private static double Shrunk(IReadOnlyDictionary<string, LabelTally> tallies, string key) =>
        tallies.TryGetValue(key, out var t) ? t.StarsAboveNeutral / (t.Ratings + PriorRatings) : 0;

    /// <summary>
    /// Draws one of <paramref name="labels"/> with weights exp(affinity), from <paramref name="random"/> (seeded by the
    /// request, so the recipe records what was drawn). With no ratings every label is equally likely.
    /// </summary>
    public string Choose(ContentKind kind, IReadOnlyList<string> labels, Random random)
    {
        if (labels.Count == 0) throw new ArgumentException("no labels to choose from", nameof(labels));
        return labels[WeightedIndex([.. labels.Select(l => Math.Exp(Affinity(kind, l)))], random)];
    }

    private static int WeightedIndex(double[] weights, Random random) => WeightedChoice.Index(weights, random.NextDouble());
}
