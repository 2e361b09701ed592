using System.Globalization;

namespace CreativeGen.Ml.Music.Pop;

/// <summary>A key: tonic pitch class (0 = C) and mode.</summary>
public readonly record struct MusicKey(int Tonic, bool Minor)
{
    private static readonly string[] Names = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>0..23: majors 0..11, minors 12..23.</summary>
    public int Index => Tonic + (Minor ? 12 : 0);

    public static MusicKey FromIndex(int index) => new(index % 12, index >= 12);

    public MusicKey Transpose(int semitones) => this with { Tonic = Harmony.Mod12(Tonic + semitones) };

    /// <summary>The relative major/minor (same pitch set), which key finders confuse most.</summary>
    public MusicKey Relative => Minor ? new(Harmony.Mod12(Tonic + 3), false) : new(Harmony.Mod12(Tonic - 3), true);

    public override string ToString() => $"{Names[Tonic]} {(Minor ? "minor" : "major")}";

    /// <summary>Parses "A minor", "a min", "Am", "F# major", "Gb:maj", "C" (major); null with a reason when it cannot.</summary>
    public static bool TryParse(string? text, out MusicKey key, out string problem)
    {
        key = default;
        problem = "";
        var s = (text ?? "").Trim().Replace(':', ' ').Replace('♯', '#').Replace('♭', 'b');
        if (s.Length == 0) { problem = "the key is empty"; return false; }
        var (tonic, rest) = Harmony.ParseNoteName(s);
        if (tonic < 0) { problem = $"'{text}' does not start with a note name (C, C#, Db, ... B)"; return false; }
        var mode = rest.Trim().ToLowerInvariant();
        bool? minor = mode switch
        {
            "" or "maj" or "major" or "dur" => false,
            "m" or "min" or "minor" or "moll" => true,
            _ => null,
        };
        if (minor is null) { problem = $"'{text}': the mode must be major or minor (got '{rest.Trim()}')"; return false; }
        key = new MusicKey(tonic, minor.Value);
        return true;
    }

    public static MusicKey Parse(string text) =>
        TryParse(text, out var key, out var problem) ? key : throw new FormatException(problem);
}

/// <summary>Pitch-class arithmetic, note names and chord templates shared by the pop tokens, parsers and measures.</summary>
public static class Harmony
{
    public static int Mod12(int value) => ((value % 12) + 12) % 12;

    /// <summary>A note name at the start of <paramref name="text"/> ("C", "c#", "Bb", "Gb"): its pitch class and the rest, or -1.</summary>
    public static (int PitchClass, string Remainder) ParseNoteName(string text)
    {
        if (text.Length == 0) return (-1, text);
        int[] naturals = [9, 11, 0, 2, 4, 5, 7]; // A..G
        var letter = char.ToUpperInvariant(text[0]);
        if (letter is < 'A' or > 'G') return (-1, text);
        var pc = naturals[letter - 'A'];
        var i = 1;
        for (; i < text.Length && text[i] is '#' or 'b'; i++)
            pc += text[i] == '#' ? 1 : -1;
        return (Mod12(pc), text[i..]);
    }
}

/// <summary>Chord qualities the pop tokens know; richer POP909 labels map to the nearest (inversions dropped).</summary>
public enum ChordQuality
{
    Major, Minor, Diminished, Augmented, Sus2, Sus4, Dominant7, Major7, Minor7,
}

/// <summary>A chord: root pitch class and quality, or none ("N").</summary>
public readonly record struct Chord(int Root, ChordQuality Quality)
{
    public const int QualityCount = 9;

    /// <summary>Intervals above the root, per quality.</summary>
    private static readonly int[][] Intervals =
    [
        [0, 4, 7], [0, 3, 7], [0, 3, 6], [0, 4, 8], [0, 2, 7], [0, 5, 7], [0, 4, 7, 10], [0, 4, 7, 11], [0, 3, 7, 10],
    ];

    private static readonly string[] Suffixes = ["maj", "min", "dim", "aug", "sus2", "sus4", "7", "maj7", "min7"];

    public int[] PitchClasses
    {
        get
        {
            var root = Root;
            return [.. Intervals[(int)Quality].Select(i => Harmony.Mod12(root + i))];
        }
    }

    public Chord Transpose(int semitones) => this with { Root = Harmony.Mod12(Root + semitones) };

    public override string ToString() => $"{new[] { "C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B" }[Root]}:{Suffixes[(int)Quality]}";

    /// <summary>
    /// Parses a POP909/Harte-style label ("B:maj", "C#:min7/b7", "A:sus4(b7)", "G:hdim7") or a short one ("Am", "F", "G7",
    /// "Cmaj7"); "N" (no chord) gives null. False with a reason for anything else.
    /// </summary>
    public static bool TryParse(string text, out Chord? chord, out string problem)
    {
        chord = null;
        problem = "";
        var s = text.Trim();
        if (s is "N" or "X" or "") return true;
        var (root, rest) = Harmony.ParseNoteName(s);
        if (root < 0) { problem = $"'{text}' does not start with a note name"; return false; }
        var quality = rest.TrimStart(':').Split('/')[0];
        var paren = quality.IndexOf('(');
        var extension = paren >= 0 ? quality[paren..] : "";
        if (paren >= 0) quality = quality[..paren];
        ChordQuality? q = quality switch
        {
            "" or "maj" or "M" or "maj6" or "6" or "maj9" or "add9" => ChordQuality.Major,
            "min" or "m" or "min6" or "m6" or "min9" or "minmaj7" => ChordQuality.Minor,
            "dim" or "dim7" or "hdim7" or "hdim" or "m7b5" => ChordQuality.Diminished,
            "aug" or "+" => ChordQuality.Augmented,
            "sus2" => ChordQuality.Sus2,
            "sus4" or "sus" => extension.Contains("b7", StringComparison.Ordinal) ? ChordQuality.Dominant7 : ChordQuality.Sus4,
            "7" or "9" or "dom7" => ChordQuality.Dominant7,
            "maj7" or "M7" => ChordQuality.Major7,
            "min7" or "m7" or "min11" => ChordQuality.Minor7,
            _ => null,
        };
        if (q is null) { problem = $"'{text}': unknown chord quality '{quality}'"; return false; }
        chord = new Chord(root, q.Value);
        return true;
    }

    public static string Format(Chord? chord) => chord?.ToString() ?? "N";

    internal static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
