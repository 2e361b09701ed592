using System.Globalization;

namespace CreativeGen.Grains.Experiences;

/// <summary>
/// What music suits a landscape: per category a tempo range, a change of sampling temperature and the styles
/// (composer labels of the piano model) whose character fits it; per mood a change of pace and boldness.
/// <para>
/// The reasoning: a sea moves in long swells (flowing middle tempos; Debussy's La Mer, Ravel's water pieces, Albéniz
/// and Chopin's barcarolle); a forest is pastoral and unhurried (Schumann's Forest Scenes, Mendelssohn, Grieg,
/// Schubert); a glacier is still and cold (slow, lower temperature for sparser, steadier lines; the Nordic and Russian
/// romantics Grieg, Sinding, Tchaikovsky, Rachmaninoff); a mountain is grand (faster, bolder; Beethoven, Liszt,
/// Brahms, Mussorgsky). Key and instruments are not controllable in the shipped piano model (it has no key or
/// instrument conditioning), so the style label carries the harmonic colour.
/// </para>
/// A category the table does not know gets the middle of the road (76-116 bpm, no style preference).
/// </summary>
public static class SceneMusicMap
{
    /// <summary>How much likelier a suggested style is than another before any rating: e^3 ≈ 20 times, so with 26 styles and 4 suggested, 78% of unrated songs take a suggested style and 22% explore.</summary>
    public const double SuggestedStyleBoost = 3.0;

    public sealed record Scene(string Character, double MinTempoBpm, double MaxTempoBpm, double TemperatureChange, string[] Styles, string[] Words);

    public sealed record MoodEffect(double TempoFactor, double TemperatureChange, string Description);

    private static readonly Dictionary<string, Scene> Scenes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sea"] = new("flowing", 80, 110, 0, ["Debussy", "Ravel", "Albeniz", "Chopin"],
            ["sea", "ocean", "wave", "waves", "shore", "beach", "coast", "tide", "sail", "harbour", "harbor", "bay"]),
        ["forest"] = new("pastoral", 72, 100, -0.05, ["Schumann", "Mendelssohn", "Grieg", "Schubert"],
            ["forest", "wood", "woods", "tree", "trees", "leaf", "leaves", "moss", "grove", "pine", "pines", "jungle"]),
        ["glacier"] = new("still and cold", 56, 80, -0.15, ["Grieg", "Sinding", "Tchaikovsky", "Rachmaninoff"],
            ["glacier", "ice", "icy", "snow", "snowy", "frost", "frozen", "winter", "cold", "arctic", "polar"]),
        ["mountain"] = new("grand", 96, 132, 0.05, ["Beethoven", "Liszt", "Brahms", "Mussorgsky"],
            ["mountain", "mountains", "peak", "peaks", "summit", "cliff", "ridge", "alps", "valley", "rock", "rocks"]),
    };

    private static readonly Scene Unknown = new("open", 76, 116, 0, [], []);

    private static readonly Dictionary<string, MoodEffect> Moods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["calm"] = new(0.85, -0.1, "15% slower, steadier"),
        ["bright"] = new(1.10, 0, "10% faster"),
        ["dramatic"] = new(1.15, 0.1, "15% faster, bolder"),
        ["melancholy"] = new(0.90, -0.05, "10% slower"),
    };

    public static Scene For(string category) => Scenes.GetValueOrDefault(category) ?? Unknown;

    public static MoodEffect? Mood(string? mood) => mood is null ? null : Moods.GetValueOrDefault(mood);

    /// <summary>The category whose scene words the theme names first (among <paramref name="known"/>), or null.</summary>
    public static string? CategoryNamedBy(string? theme, IReadOnlyCollection<string> known)
    {
        if (string.IsNullOrWhiteSpace(theme)) return null;
        var words = theme.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '-', '\'', '"', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
            foreach (var category in known)
                if (For(category).Words.Contains(word, StringComparer.Ordinal)) return category;
        return null;
    }

    /// <summary>
    /// The tempo range for a scene and mood, within the user's own range: their overlap, or when they do not overlap, a
    /// band as wide as the scene's at the end of the user's range nearest to it (the user's explicit range always wins).
    /// </summary>
    public static (double Min, double Max) TempoRange(Scene scene, MoodEffect? mood, double userMin, double userMax)
    {
        var factor = mood?.TempoFactor ?? 1;
        var (min, max) = (scene.MinTempoBpm * factor, scene.MaxTempoBpm * factor);
        var (low, high) = (Math.Max(min, userMin), Math.Min(max, userMax));
        if (low <= high) return (low, high);
        var width = Math.Min(max - min, userMax - userMin);
        return max < userMin ? (userMin, userMin + width) : (userMax - width, userMax);
    }

    public static string Reason(string category, Scene scene, string? mood, MoodEffect? effect, string? style, double tempo)
    {
        var invariant = CultureInfo.InvariantCulture;
        var styles = scene.Styles.Length > 0 ? $", styles like {string.Join(", ", scene.Styles)}" : "";
        var reason = $"{category}: {scene.Character}, {scene.MinTempoBpm.ToString(invariant)}-{scene.MaxTempoBpm.ToString(invariant)} bpm{styles}";
        if (effect is not null) reason += $"; mood {mood}: {effect.Description}";
        return reason + $". Chosen: {style ?? "the model's own style"} at {tempo.ToString(invariant)} bpm.";
    }
}
