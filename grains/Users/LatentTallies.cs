using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Ml.Personalization;

namespace CreativeGen.Grains.Users;

/// <summary>
/// The stored form of a user's <see cref="LatentTaste"/> over landscape latents (issue 13): Σ (stars − 3)·z over rated
/// pictures, and their number. A picture's latent is recomputed from its recipe's seed, so nothing else is kept.
/// </summary>
[GenerateSerializer, Alias("CreativeGen.LatentTallies")]
public sealed class LatentTallies
{
    [Id(0)] public float[] WeightedSum { get; set; } = new float[SeedLatents.LandscapeLatentSize];

    [Id(1)] public int Ratings { get; set; }

    // A method, not a property: the state stores serialize every public property (the JSON file store included).
    public LatentTaste ToTaste() => WeightedSum.Length == SeedLatents.LandscapeLatentSize
        ? LatentTaste.FromSums(WeightedSum, Ratings)
        : LatentTaste.Empty(SeedLatents.LandscapeLatentSize);

    /// <summary>
    /// The seed a picture is painted from: the request's own without landscape ratings, else one chosen near the
    /// user's liked latents (<see cref="TasteSeeds"/>). The recipe records the chosen seed, so it regenerates alone.
    /// </summary>
    public long ChooseSeed(long requestSeed) => TasteSeeds.Choose(ToTaste(), requestSeed, seed => SeedLatents.Of(seed));

    /// <summary>Replaces the landscape rating <paramref name="before"/> carried (if any) by the one <paramref name="after"/> carries.</summary>
    public void Rerate(HistoryEntry before, HistoryEntry after)
    {
        if (after.Recipe.Kind != ContentKind.Landscape) return;
        var taste = ToTaste();
        var latent = SeedLatents.Of(after.Recipe.Seed);
        if (before.Rating is { } old) taste = taste.Unrate(latent, old);
        if (after.Rating is { } stars) taste = taste.Rate(latent, stars);
        WeightedSum = taste.WeightedSum;
        Ratings = taste.Ratings;
    }
}
