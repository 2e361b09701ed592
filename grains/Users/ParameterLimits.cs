using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Grains.Users;

/// <summary>The ranges a request or preference may take; anything outside is refused with a message naming the field.</summary>
public static class ParameterLimits
{
    /// <summary>Shorter pieces come out empty or nearly so (the model writes a few notes per second at most).</summary>
    public const double MinLengthSeconds = 1;
    public const double MaxLengthSeconds = 300;

    /// <summary>Below this, sampling is greedy in all but name, and far below it the softmax underflows to nothing.</summary>
    public const double MinTemperature = 0.05;
    public const double MaxTemperature = 3;
    public const double MinTempoBpm = 20;
    public const double MaxTempoBpm = 300;
    public const int MaxTopK = 512;
    public const int MaxPreferredLabels = 32;
    public const int MaxHistoryLimit = 500;
    public const int MaxCommentLength = 1000;

    public static double LengthSeconds(double value, string field) =>
        Check(value, value is >= MinLengthSeconds and <= MaxLengthSeconds, field, $"must be within {MinLengthSeconds}..{MaxLengthSeconds} seconds");

    public static double Temperature(double value, string field) =>
        Check(value, value is >= MinTemperature and <= MaxTemperature, field, $"must be within {MinTemperature}..{MaxTemperature}");

    public static double Tempo(double value, string field) =>
        Check(value, value is >= MinTempoBpm and <= MaxTempoBpm, field, $"must be within {MinTempoBpm}..{MaxTempoBpm} BPM");

    public static double Truncation(double value, string field) =>
        Check(value, value is > 0 and <= 1, field, "must be more than 0 and at most 1");

    public static int? TopK(int? value) =>
        value is null ? null : (int)Check(value.Value, value is >= 1 and <= MaxTopK, "topK", $"must be within 1..{MaxTopK}");

    public static double? TopP(double? value) =>
        value is null ? null : Check(value.Value, value is > 0 and <= 1, "topP", "must be more than 0 and at most 1");

    /// <summary>The rhyme schemes lyrics may follow.</summary>
    public static readonly string[] Schemes = ["abab", "aabb", "abcb", "abba"];

    /// <summary>Words for the piece when <c>lyrics</c> is true; a scheme or theme without it is refused rather than ignored.</summary>
    public static LyricParameters? Lyrics(bool? lyrics, string? scheme, string? theme)
    {
        if (lyrics != true)
        {
            if (scheme is not null) throw GenerationRequestException.Invalid("scheme", "scheme only applies to songs with words: add \"lyrics\": true.");
            if (theme is not null) throw GenerationRequestException.Invalid("theme", "theme only applies to songs with words: add \"lyrics\": true.");
            return null;
        }
        var chosen = Label(scheme ?? Schemes[0], Schemes, "scheme", "rhyme scheme");
        if (theme is not null && (theme.Trim().Length is 0 or > 40 || !theme.Trim().All(char.IsAsciiLetter)))
            throw GenerationRequestException.Invalid("theme", $"theme must be one word of 1..40 letters (e.g. sea, mountain, forest, glacier); got '{Shorten(theme)}'.");
        return new LyricParameters(chosen, theme?.Trim().ToLowerInvariant());
    }

    public static int HistoryLimit(int value) =>
        (int)Check(value, value is >= 1 and <= MaxHistoryLimit, "limit", $"must be within 1..{MaxHistoryLimit}");

    public static int Stars(int value) => (int)Check(value, value is >= 1 and <= 5, "stars", "must be within 1..5");

    public static string? Comment(string? value) =>
        value is { Length: > MaxCommentLength }
            ? throw GenerationRequestException.Invalid("comment", $"comment is {value.Length} characters long; at most {MaxCommentLength} are allowed.")
            : value;

    /// <summary>Resolves a label case-insensitively to the model's own spelling, or refuses it listing the known ones.</summary>
    public static string Label(string value, IReadOnlyCollection<string> known, string field, string what) =>
        known.FirstOrDefault(k => string.Equals(k, value.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw GenerationRequestException.Invalid(field, $"Unknown {what} '{Shorten(value)}'. Known: {string.Join(", ", known)}.");

    public static string[] Labels(string[]? values, IReadOnlyCollection<string> known, string field, string what)
    {
        values ??= [];
        if (values.Length > MaxPreferredLabels)
            throw GenerationRequestException.Invalid(field, $"{field} lists {values.Length} entries; at most {MaxPreferredLabels} are allowed.");
        return [.. values.Select(v => Label(v ?? "", known, field, what)).Distinct()];
    }

    private static double Check(double value, bool valid, string field, string rule) =>
        valid && double.IsFinite(value) ? value : throw GenerationRequestException.Invalid(field, $"{field} {rule}; got {value}.");

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
