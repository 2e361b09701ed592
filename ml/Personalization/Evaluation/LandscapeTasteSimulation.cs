using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Sampling;

namespace CreativeGen.Ml.Personalization.Evaluation;

/// <summary>One simulated user's share of pictures rated 4 or more, with and without the latent taste.</summary>
public sealed record TasteOutcome(int User, double PlainShare, double PersonalizedShare)
{
    public double Lift => PersonalizedShare - PlainShare;
}

/// <summary>
/// Walks simulated users through <c>ratings</c> pictures each, twice: plain sampling, and seeds chosen by
/// <see cref="TasteSeeds"/> from a <see cref="LatentTaste"/> updated after every rating. Both walks use the same
/// request seeds, so the comparison is paired (a user's luck is the same in both).
/// </summary>
public static class LandscapeTasteSimulation
{
    /// <summary>Users who judge the latent's alignment with their hidden direction (<see cref="SimulatedLatentUser"/>).</summary>
    public static IReadOnlyList<TasteOutcome> RunLatentUsers(int users, int ratings, LatentTasteOptions options, long populationSeed) =>
        [.. Enumerable.Range(0, users).Select(user =>
        {
            var simulated = new SimulatedLatentUser(populationSeed * 100_003 + user);
            return Compare(user, seed => simulated.Rate(SeedLatents.Of(seed)), ratings, options, populationSeed);
        })];

    /// <summary>Users who judge painted pictures (<see cref="SimulatedLandscapeUser"/>), one category each in turn.</summary>
    public static IReadOnlyList<TasteOutcome> RunPictureUsers(LandscapeModel model, int users, int ratings, LatentTasteOptions options, long populationSeed) =>
        [.. Enumerable.Range(0, users).Select(user =>
        {
            var simulated = new SimulatedLandscapeUser(model, model.Categories[user % model.Categories.Count], populationSeed * 100_003 + user);
            return Compare(user, seed => simulated.Rate(model.GenerateRgb([new LandscapeRequest(simulated.Category, seed)])[0]), ratings, options, populationSeed);
        })];

    private static TasteOutcome Compare(int user, Func<long, int> rate, int ratings, LatentTasteOptions options, long populationSeed)
    {
        var requestSeeds = Enumerable.Range(0, ratings).Select(t => populationSeed * 1_000_000_007L + user * 1_000L + t).ToArray();
        return new TasteOutcome(user, Walk(rate, requestSeeds, options, personalize: false), Walk(rate, requestSeeds, options, personalize: true));
    }

    private static double Walk(Func<long, int> rate, long[] requestSeeds, LatentTasteOptions options, bool personalize)
    {
        var taste = LatentTaste.Empty(SeedLatents.LandscapeLatentSize);
        var liked = 0;
        foreach (var requestSeed in requestSeeds)
        {
            var seed = personalize ? TasteSeeds.Choose(taste, requestSeed, s => SeedLatents.Of(s), options) : requestSeed;
            var stars = rate(seed);
            if (stars >= 4) liked++;
            taste = taste.Rate(SeedLatents.Of(seed), stars);
        }
        return liked / (double)requestSeeds.Length;
    }
}
