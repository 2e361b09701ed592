using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.Grains.Users;
using CreativeGen.Ml.Common;

namespace CreativeGen.Grains.Experiences;

/// <summary>
/// What a user's ratings of experiences say about matching: per category, per (category, style) pair and per
/// (category, 10-bpm tempo band) pair, the sum of (stars - 3) and the count, shrunk toward 0 by
/// <see cref="TasteProfile.PriorRatings"/> neutral ratings as <see cref="TasteProfile"/> does for single results.
/// Pairs matter here: someone may love Debussy by the sea and not in the mountains.
/// </summary>
public sealed class ExperienceTaste(Dictionary<string, LabelTally> tallies)
{
    public static string CategoryKey(string category) => "c:" + RatingTallies.Key(category);

    public static string StyleKey(string category, string style) => $"s:{RatingTallies.Key(category)}|{RatingTallies.Key(style)}";

    public static string TempoKey(string category, double bpm) => $"t:{RatingTallies.Key(category)}|{RatingTallies.TempoBand(bpm)}";

    public double Affinity(string key) =>
        tallies.TryGetValue(key, out var t) ? t.StarsAboveNeutral / (t.Ratings + TasteProfile.PriorRatings) : 0;

    /// <summary>Replaces the rating <paramref name="before"/> carried (if any) by the one <paramref name="after"/> carries.</summary>
    public void Rerate(ExperienceEntry before, ExperienceEntry after)
    {
        Count(before, -1);
        Count(after, +1);
    }

    private void Count(ExperienceEntry entry, int sign)
    {
        if (entry.Rating is not { } stars) return;
        var match = entry.Recipe.Match;
        var above = sign * (stars - RatingTallies.NeutralStars);
        Add(CategoryKey(match.Category), above, sign);
        if (match.Style is { } style) Add(StyleKey(match.Category, style), above, sign);
        Add(TempoKey(match.Category, match.TempoBpm), above, sign);
    }

    private void Add(string key, int starsAboveNeutral, int ratings)
    {
        var tally = tallies.GetValueOrDefault(key) ?? new LabelTally(0, 0);
        tally = new LabelTally(tally.StarsAboveNeutral + starsAboveNeutral, tally.Ratings + ratings);
        if (tally.Ratings == 0) tallies.Remove(key);
        else tallies[key] = tally;
    }

    /// <summary>An index drawn with probability proportional to exp(score), from one uniform number.</summary>
    public static int Draw(IReadOnlyList<double> scores, Random random) =>
        WeightedChoice.Index([.. scores.Select(Math.Exp)], random.NextDouble());
}
