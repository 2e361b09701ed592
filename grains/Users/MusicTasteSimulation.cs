using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>One simulated listener's share of pieces rated 4 or more, with and without ratings steering the conditioning.</summary>
public sealed record MusicTasteOutcome(int User, double PlainShare, double PersonalizedShare);

/// <summary>
/// Measures how much ratings pull pop conditioning toward a listener's taste. Each simulated listener has hidden traits
/// the system never sees: a mode, a 20-bpm tempo window, two liked melody instruments and two liked accompaniment
/// instruments; a piece earns 1 star plus one per trait its conditioning matches. Pieces are resolved by the real
/// <see cref="OrderResolver"/> from the listener's real <see cref="RatingTallies"/>; the listener judges the
/// conditioning (key, tempo, instruments the model is asked for), not the audio. Plain and personalized walks use
/// the same request seeds.
/// </summary>
public static class MusicTasteSimulation
{
    private static readonly MusicModelInfo PopModel = new("music-pop", "simulated", [], new BatchLimits(1, 0, "simulation"), "simulation", "cpu");

    public static IReadOnlyList<MusicTasteOutcome> Run(int users, int ratings, long populationSeed) =>
        [.. Enumerable.Range(0, users).Select(user =>
        {
            var listener = new Listener(new Random(unchecked((int)(populationSeed * 1_000_003 + user))));
            var seeds = Enumerable.Range(0, ratings).Select(t => populationSeed * 1_000_000_007L + user * 1_000L + t).ToArray();
            return new MusicTasteOutcome(user, Walk(listener, seeds, personalize: false), Walk(listener, seeds, personalize: true));
        })];

    private static double Walk(Listener listener, long[] requestSeeds, bool personalize)
    {
        var tallies = new RatingTallies();
        var preferences = MusicPreferences.Default with { Style = Ml.Music.MusicStyles.Pop };
        var liked = 0;
        foreach (var requestSeed in requestSeeds)
        {
            var taste = personalize ? TasteProfile.From(tallies) : TasteProfile.Empty;
            var (parameters, seed) = OrderResolver.Resolve(new MusicOrder(Seed: requestSeed, Style: Ml.Music.MusicStyles.Pop), preferences, PopModel, taste);
            var stars = listener.Rate(parameters);
            if (stars >= 4) liked++;
            var recipe = Recipe.ForMusic(PopModel.Name, PopModel.Version, parameters, seed);
            var received = new HistoryEntry(recipe.Id, recipe, DateTimeOffset.UnixEpoch);
            tallies.Rerate(received, received with { Rating = stars });
        }
        return liked / (double)requestSeeds.Length;
    }

    private sealed class Listener
    {
        private readonly string mode;
        private readonly double slowest;
        private readonly string[] melodies;
        private readonly string[] accompaniments;

        public Listener(Random hidden)
        {
            mode = hidden.Next(2) == 0 ? "major" : "minor";
            slowest = 80 + hidden.NextDouble() * 32;
            melodies = [.. MusicTraits.PopPalettes[0].OrderBy(_ => hidden.Next()).Take(2)];
            accompaniments = [.. MusicTraits.PopPalettes[2].OrderBy(_ => hidden.Next()).Take(2)];
        }

        public int Rate(MusicParameters piece)
        {
            var instruments = MusicTraits.PopInstruments(piece.Instruments);
            var matches = new[]
            {
                piece.Key is { } key && MusicTraits.Mode(key) == mode,
                piece.TempoBpm is { } bpm && bpm >= slowest && bpm < slowest + 20,
                melodies.Contains(instruments[0]),
                accompaniments.Contains(instruments[2]),
            };
            return 1 + matches.Count(m => m);
        }
    }
}
