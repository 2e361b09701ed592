using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Users;

namespace CreativeGen.Grains.Experiences;

/// <summary>
/// Turns a wish into fully specified orders for the parts. All choices are drawn from the experience's seed, so the
/// parts' recipes (which record the outcome) regenerate the experience:
/// <list type="number">
/// <item>Category: named by a scene word of the theme, else drawn from the preferred categories (all the model's when
/// none) with weights exp(affinity from rated pictures + affinity from rated experiences).</item>
/// <item>Style: drawn from the preferred composers (all the model's when none) with weights exp(1 if the scene suggests
/// it + affinity from rated pieces + affinity of this (category, style) pair from rated experiences).</item>
/// <item>Tempo: the scene's range, scaled by the mood, within the user's range; four uniform candidates, one kept with
/// weights exp(affinity of its (category, 10-bpm band) pair from rated experiences).</item>
/// <item>Temperature: the preferred one, shifted by scene and mood.</item>
/// </list>
/// </summary>
public static class ExperiencePlanner
{
    public const int MaxThemeLength = 200;
    private const int TempoCandidates = 4;

    public sealed record Plan(string? Theme, string? Mood, long Seed, LandscapeOrder Picture, MusicOrder Song, string Category, string? Style, double TempoBpm, string Reason);

    public static Plan Make(ExperienceOrder order, UserPreferences preferences, IReadOnlyList<string> categories, IReadOnlyList<string> composers,
        TasteProfile labels, ExperienceTaste experiences)
    {
        var theme = Theme(order.Theme);
        var mood = order.Mood is null ? null : ParameterLimits.Label(order.Mood, ExperienceMoods.Known, "mood", "mood");
        var seed = order.Seed ?? Random.Shared.NextInt64(0, 1L << 53);
        var pick = new Random(unchecked((int)(seed ^ (seed >>> 32))));

        var category = SceneMusicMap.CategoryNamedBy(theme, categories) ?? ChooseCategory(preferences.Landscapes, categories, labels, experiences, pick);
        var scene = SceneMusicMap.For(category);
        var effect = SceneMusicMap.Mood(mood);
        var style = ChooseStyle(category, scene, preferences.Music, composers, labels, experiences, pick);
        var (min, max) = SceneMusicMap.TempoRange(scene, effect, preferences.Music.MinTempoBpm, preferences.Music.MaxTempoBpm);
        var tempos = Enumerable.Range(0, TempoCandidates).Select(_ => Math.Round(min + pick.NextDouble() * (max - min))).ToArray();
        var tempo = tempos[ExperienceTaste.Draw([.. tempos.Select(t => experiences.Affinity(ExperienceTaste.TempoKey(category, t)))], pick)];
        var temperature = Math.Round(Math.Clamp(preferences.Music.Temperature + scene.TemperatureChange + (effect?.TemperatureChange ?? 0),
            ParameterLimits.MinTemperature, ParameterLimits.MaxTemperature), 2);

        var picture = new LandscapeOrder(Category: category, Seed: PartSeed(seed, 1));
        var song = new MusicOrder(Composer: style, Temperature: temperature, TempoBpm: tempo, Seed: PartSeed(seed, 2));
        return new Plan(theme, mood, seed, picture, song, category, style, tempo, SceneMusicMap.Reason(category, scene, mood, effect, style, tempo));
    }

    private static string? Theme(string? theme)
    {
        if (string.IsNullOrWhiteSpace(theme)) return null;
        theme = theme.Trim();
        if (theme.Length > MaxThemeLength)
            throw GenerationRequestException.Invalid("theme", $"theme is {theme.Length} characters long; at most {MaxThemeLength} are allowed.");
        if (theme.Any(char.IsControl))
            throw GenerationRequestException.Invalid("theme", "theme must be plain text on one line (no control characters).");
        return theme;
    }

    private static string ChooseCategory(LandscapePreferences preferences, IReadOnlyList<string> categories, TasteProfile labels, ExperienceTaste experiences, Random pick)
    {
        IReadOnlyList<string> pool = preferences.Categories.Length > 0 ? preferences.Categories : categories;
        if (pool.Count == 0) throw new GenerationRequestException(GenerationErrorKind.Unavailable, "The landscape model offers no categories.");
        var scores = pool.Select(c => labels.Affinity(ContentKind.Landscape, c) + experiences.Affinity(ExperienceTaste.CategoryKey(c))).ToArray();
        return pool[ExperienceTaste.Draw(scores, pick)];
    }

    private static string? ChooseStyle(string category, SceneMusicMap.Scene scene, MusicPreferences preferences, IReadOnlyList<string> composers,
        TasteProfile labels, ExperienceTaste experiences, Random pick)
    {
        IReadOnlyList<string> pool = preferences.Composers.Length > 0 ? preferences.Composers : composers;
        if (pool.Count == 0) return null; // an unconditioned model: the song has its own style
        var scores = pool.Select(style =>
            (scene.Styles.Contains(style, StringComparer.OrdinalIgnoreCase) ? SceneMusicMap.SuggestedStyleBoost : 0)
            + labels.Affinity(ContentKind.Music, style)
            + experiences.Affinity(ExperienceTaste.StyleKey(category, style))).ToArray();
        return pool[ExperienceTaste.Draw(scores, pick)];
    }

    /// <summary>A part's seed: SplitMix64 of (experience seed, part number), kept below 2^53 so JSON clients read it exactly.</summary>
    public static long PartSeed(long seed, int part)
    {
        var z = unchecked((ulong)seed + (ulong)part * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (long)((z ^ (z >> 31)) & ((1UL << 53) - 1));
    }
}
