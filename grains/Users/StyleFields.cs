using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;

namespace CreativeGen.Grains.Users;

/// <summary>
/// The style fields of a music order or preference (style, key, instruments, chords): checked, written the one
/// canonical way (so equal requests make equal recipes), and refused with a message naming the field.
/// </summary>
public static class StyleFields
{
    public const int MaxChords = 64;

    /// <summary>Tracks each style's model writes: piano one, pop three (melody, bridge, accompaniment).</summary>
    public static int Tracks(string style) => style == MusicStyles.Pop ? 3 : 1;

    public static string Style(string? value, string field)
    {
        if (value is null) return MusicStyles.Piano;
        try
        {
            return MusicStyles.Canonical(value);
        }
        catch (ArgumentException)
        {
            throw GenerationRequestException.Invalid(field, $"Unknown style '{Shorten(value)}'. Known: {string.Join(", ", MusicStyles.All)}.");
        }
    }

    /// <summary>A pop key as named, or drawn from the seed's random source when none is; piano takes none.</summary>
    public static string? Key(string? value, string style, Random pick)
    {
        if (style != MusicStyles.Pop)
            return value is null ? null : throw GenerationRequestException.Invalid("key", $"key needs style pop; the {style} model is not key-conditioned.");
        if (value is null) return MusicKey.FromIndex(pick.Next(24)).ToString();
        return MusicKey.TryParse(value, out var key, out var problem)
            ? key.ToString()
            : throw GenerationRequestException.Invalid("key", $"Invalid key: {problem}. Examples: \"A minor\", \"Eb major\".");
    }

    /// <summary>Instrument names in canonical spelling (GM program numbers stay numbers), at most one per track of the style.</summary>
    public static string[]? Instruments(string[]? values, string style, string field)
    {
        if (values is null) return null;
        var tracks = Tracks(style);
        if (values.Length == 0 || values.Length > tracks)
            throw GenerationRequestException.Invalid(field, $"{field} lists {values.Length} instruments; style {style} takes 1 to {tracks} ({(tracks == 3 ? "melody, bridge, accompaniment" : "piano")}).");
        return [.. values.Select(v =>
        {
            if (!GmInstruments.TryResolve(v, out var program, out var problem)) throw GenerationRequestException.Invalid(field, $"{char.ToUpperInvariant(problem[0])}{problem[1..]}.");
            return GmInstruments.Programs.FirstOrDefault(p => string.Equals(p.Key, v.Trim().Replace(' ', '-'), StringComparison.OrdinalIgnoreCase)).Key ?? program.ToString(System.Globalization.CultureInfo.InvariantCulture);
        })];
    }

    /// <summary>A chord progression (pop only), one chord per bar, in canonical spelling.</summary>
    public static string[]? Chords(string[]? values, string style)
    {
        if (values is null) return null;
        if (style != MusicStyles.Pop) throw GenerationRequestException.Invalid("chords", $"chords need style pop; the {style} model is not chord-conditioned.");
        if (values.Length is 0 or > MaxChords) throw GenerationRequestException.Invalid("chords", $"chords lists {values.Length} chords; give 1 to {MaxChords}, one per bar.");
        return [.. values.Select(v => Chord.TryParse(v ?? "", out var chord, out var problem)
            ? Chord.Format(chord)
            : throw GenerationRequestException.Invalid("chords", $"Invalid chord: {problem}. Examples: Am, F, C:maj7, G7, N (no chord)."))];
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
