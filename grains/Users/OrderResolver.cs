using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>
/// Turns an order into fully specified parameters: every missing value comes from the user's preferences,
/// choices among several preferred labels are drawn from the seed (so the recipe alone reproduces them),
/// and everything is checked against the model and <see cref="ParameterLimits"/>.
/// </summary>
public static class OrderResolver
{
    public static (MusicParameters Parameters, long Seed) Resolve(MusicOrder order, MusicPreferences preferences, MusicModelInfo model)
    {
        var seed = order.Seed ?? NewSeed();
        var pick = SeededRandom(seed);
        var composer = order.Composer is { } named
            ? ParameterLimits.Label(named, model.Composers, "composer", "composer")
            : preferences.Composers.Length > 0 ? preferences.Composers[pick.Next(preferences.Composers.Length)] : null;
        var tempo = order.TempoBpm ?? Math.Round(preferences.MinTempoBpm + pick.NextDouble() * (preferences.MaxTempoBpm - preferences.MinTempoBpm));
        var parameters = new MusicParameters(
            composer,
            ParameterLimits.LengthSeconds(order.LengthSeconds ?? preferences.LengthSeconds, "lengthSeconds"),
            ParameterLimits.Temperature(order.Temperature ?? preferences.Temperature, "temperature"),
            ParameterLimits.Tempo(tempo, "tempoBpm"),
            ParameterLimits.TopK(order.TopK),
            ParameterLimits.TopP(order.TopP));
        return (parameters, seed);
    }

    public static (LandscapeParameters Parameters, long Seed) Resolve(LandscapeOrder order, LandscapePreferences preferences, LandscapeModelInfo model)
    {
        if (order.Resolution is { } resolution && resolution != model.Resolution)
            throw GenerationRequestException.Invalid("resolution",
                $"resolution {resolution} is not available: model '{model.Name}' paints {model.Resolution}x{model.Resolution} pixels.");
        var seed = order.Seed ?? NewSeed();
        var pool = preferences.Categories.Length > 0 ? preferences.Categories : model.Categories;
        var category = order.Category is { } named
            ? ParameterLimits.Label(named, model.Categories, "category", "category")
            : pool[SeededRandom(seed).Next(pool.Length)];
        var truncation = ParameterLimits.Truncation(order.Truncation ?? preferences.Truncation, "truncation");
        return (new LandscapeParameters(category, truncation), seed);
    }

    /// <summary>Throws unless both parts are present (JSON bodies may leave them out).</summary>
    public static void RequireComplete(UserPreferences preferences)
    {
        if (preferences.Music is null || preferences.Landscapes is null)
            throw GenerationRequestException.Invalid("preferences", "preferences need both 'music' and 'landscapes'.");
    }

    /// <summary>Checks preferences against the models' labels and the limits; returns them with labels in the models' spelling.</summary>
    public static UserPreferences Validate(UserPreferences preferences, IReadOnlyCollection<string> composers, IReadOnlyCollection<string> categories)
    {
        RequireComplete(preferences);
        var m = preferences.Music;
        ParameterLimits.Tempo(m.MinTempoBpm, "music.minTempoBpm");
        ParameterLimits.Tempo(m.MaxTempoBpm, "music.maxTempoBpm");
        if (m.MinTempoBpm > m.MaxTempoBpm)
            throw GenerationRequestException.Invalid("music.minTempoBpm", $"music.minTempoBpm ({m.MinTempoBpm}) is above music.maxTempoBpm ({m.MaxTempoBpm}).");
        var musicPreferences = new MusicPreferences(
            ParameterLimits.Labels(m.Composers, composers, "music.composers", "composer"),
            m.MinTempoBpm,
            m.MaxTempoBpm,
            ParameterLimits.LengthSeconds(m.LengthSeconds, "music.lengthSeconds"),
            ParameterLimits.Temperature(m.Temperature, "music.temperature"));
        var l = preferences.Landscapes;
        var landscapePreferences = new LandscapePreferences(
            ParameterLimits.Labels(l.Categories, categories, "landscapes.categories", "category"),
            ParameterLimits.Truncation(l.Truncation, "landscapes.truncation"));
        return new UserPreferences(musicPreferences, landscapePreferences);
    }

    private static long NewSeed() => Random.Shared.NextInt64(0, 1L << 53);

    private static Random SeededRandom(long seed) => new(unchecked((int)(seed ^ (seed >>> 32))));
}
