using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>
/// Turns an order into fully specified parameters: every missing value comes from the user's preferences,
/// choices among several labels are drawn from the seed, weighted by the user's ratings (<see cref="TasteProfile"/>;
/// the recipe records the outcome, so it alone reproduces the result), and everything is checked against the model
/// and <see cref="ParameterLimits"/>.
/// </summary>
public static class OrderResolver
{
    /// <summary>
    /// A composer left open is drawn from the preferred composers (all the model's when none), weighted by ratings, so
    /// that the recipe names it and a rating of the result counts for it.
    /// </summary>
    public static (MusicParameters Parameters, long Seed) Resolve(MusicOrder order, MusicPreferences preferences, MusicModelInfo model, TasteProfile? taste = null)
    {
        taste ??= TasteProfile.Empty;
        var seed = order.Seed ?? NewSeed();
        var pick = SeededRandom(seed);
        var composer = order.Composer is { } named
            ? ParameterLimits.Label(named, model.Composers, "composer", "composer")
            : preferences.Composers.Length > 0 ? taste.Choose(ContentKind.Music, preferences.Composers, pick)
            : model.Composers.Length > 0 ? taste.Choose(ContentKind.Music, model.Composers, pick)
            : null;
        var tempo = order.TempoBpm ?? Math.Round(taste.ChooseTempo(preferences.MinTempoBpm, preferences.MaxTempoBpm, pick));
        var style = StyleFields.Style(order.Style, "style");
        // Key and instruments left open are pulled toward those the user rated well (TasteProfile); named ones are kept.
        var key = order.Key is null && style == Ml.Music.MusicStyles.Pop ? taste.ChooseKey(pick) : StyleFields.Key(order.Key, style, pick);
        var instruments = order.Instruments is not null ? StyleFields.Instruments(order.Instruments, style, "instruments")
            : style == Ml.Music.MusicStyles.Pop && preferences.Instruments is { Length: > 0 } preferred ? StyleFields.Instruments(preferred, style, "music.instruments")
            : style == Ml.Music.MusicStyles.Pop ? taste.ChooseInstruments(pick)
            : null;
        var parameters = new MusicParameters(
            composer,
            ParameterLimits.LengthSeconds(order.LengthSeconds ?? preferences.LengthSeconds, "lengthSeconds"),
            ParameterLimits.Temperature(order.Temperature ?? preferences.Temperature, "temperature"),
            ParameterLimits.Tempo(tempo, "tempoBpm"),
            ParameterLimits.TopK(order.TopK),
            ParameterLimits.TopP(order.TopP),
            style == Ml.Music.MusicStyles.Piano ? null : style, // piano recipes keep the ids they had before styles
            key,
            instruments,
            StyleFields.Chords(order.Chords, style),
            ParameterLimits.Lyrics(order.Lyrics, order.Scheme, order.Theme));
        return (parameters, seed);
    }

    /// <summary>A category left open is drawn from the preferred categories (all the model's when none), weighted by ratings.</summary>
    public static (LandscapeParameters Parameters, long Seed) Resolve(LandscapeOrder order, LandscapePreferences preferences, LandscapeModelInfo model,
        TasteProfile? taste = null)
    {
        taste ??= TasteProfile.Empty;
        if (order.Resolution is { } resolution && resolution != model.Resolution)
            throw GenerationRequestException.Invalid("resolution",
                $"resolution {resolution} is not available: model '{model.Name}' paints {model.Resolution}x{model.Resolution} pixels.");
        var seed = order.Seed ?? NewSeed();
        var pool = preferences.Categories.Length > 0 ? preferences.Categories : model.Categories;
        var category = order.Category is { } named
            ? ParameterLimits.Label(named, model.Categories, "category", "category")
            : taste.Choose(ContentKind.Landscape, pool, SeededRandom(seed));
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
            ParameterLimits.Temperature(m.Temperature, "music.temperature"),
            m.Style is null ? null : StyleFields.Style(m.Style, "music.style"),
            StyleFields.Instruments(m.Instruments, Ml.Music.MusicStyles.Pop, "music.instruments"));
        var l = preferences.Landscapes;
        var landscapePreferences = new LandscapePreferences(
            ParameterLimits.Labels(l.Categories, categories, "landscapes.categories", "category"),
            ParameterLimits.Truncation(l.Truncation, "landscapes.truncation"));
        return new UserPreferences(musicPreferences, landscapePreferences);
    }

    private static long NewSeed() => Random.Shared.NextInt64(0, 1L << 53);

    private static Random SeededRandom(long seed) => new(unchecked((int)(seed ^ (seed >>> 32))));
}
