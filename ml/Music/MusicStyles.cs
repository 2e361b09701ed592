using CreativeGen.Ml.Common;

namespace CreativeGen.Ml.Music;

/// <summary>
/// The music styles a request may name and the shipped model file of each. Folk (Nottingham melody + chords) has no
/// shipped model yet, so it is named, and refused with a clear reason, rather than silently served by another model.
/// </summary>
public static class MusicStyles
{
    public const string Piano = "piano";
    public const string Pop = "pop";
    public const string Folk = "folk";

    public static IReadOnlyList<string> All => [Piano, Pop, Folk];

    /// <summary>The canonical style name; <see cref="ArgumentException"/> naming the known ones otherwise.</summary>
    public static string Canonical(string style) =>
        All.FirstOrDefault(s => string.Equals(s, style?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"style: unknown style '{(style?.Length <= 40 ? style : style?[..40] + "…")}' (known: {string.Join(", ", All)})");

    /// <summary>The shipped model file of a style, or an error saying that the style has none.</summary>
    public static string ModelFileName(string style) => Canonical(style) switch
    {
        Piano => DefaultModels.MusicFileName,
        Pop => DefaultModels.PopFileName,
        _ => throw new ArgumentException($"style: no {style} model is shipped yet (styles with a model: {Piano}, {Pop}); pass --model to use one you trained"),
    };
}
