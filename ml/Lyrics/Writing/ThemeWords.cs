namespace CreativeGen.Ml.Lyrics.Writing;

/// <summary>
/// Words that make a stanza about its theme. The landscape categories (sea, mountain, forest, glacier) have short
/// lists of their own; any other theme word stands for itself. Only words the model knows are kept.
/// </summary>
public static class ThemeWords
{
    private static readonly Dictionary<string, string[]> Landscapes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sea"] = ["sea", "seas", "wave", "waves", "shore", "tide", "ocean", "deep", "foam", "sail", "sails", "ship", "sand", "salt", "storm", "blue", "wind", "main", "flood", "bay", "spray", "beach", "coast"],
        ["mountain"] = ["mountain", "mountains", "hill", "hills", "height", "heights", "peak", "rock", "rocks", "cloud", "clouds", "stone", "high", "climb", "snow", "steep", "crag", "summit", "eagle", "sky", "air", "mount"],
        ["forest"] = ["forest", "wood", "woods", "tree", "trees", "leaf", "leaves", "green", "shade", "bough", "boughs", "grove", "oak", "pine", "branch", "moss", "bird", "birds", "glade", "root", "deer", "wild"],
        ["glacier"] = ["ice", "snow", "cold", "frost", "white", "winter", "frozen", "crystal", "stone", "peak", "still", "silent", "slow", "age", "ages", "blue", "bright", "north", "pale", "freeze", "chill"],
    };

    public static IReadOnlyList<string> Categories => [.. Landscapes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Vocabulary ids of the theme's words (empty for no theme).</summary>
    public static HashSet<int> Ids(string? theme, LyricModel model)
    {
        if (string.IsNullOrWhiteSpace(theme)) return [];
        var words = Landscapes.TryGetValue(theme, out var list) ? list : [theme.ToLowerInvariant()];
        return words.Where(model.Vocabulary.Contains).Select(model.Vocabulary.Id).ToHashSet();
    }
}
