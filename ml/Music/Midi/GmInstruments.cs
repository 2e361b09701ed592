namespace CreativeGen.Ml.Music.Midi;

/// <summary>
/// General MIDI instruments a request may name (or a program number 0..127). The names are the everyday ones a
/// front end offers; each maps to the GM program (0-based) a General MIDI synthesizer plays.
/// </summary>
public static class GmInstruments
{
    public static readonly IReadOnlyDictionary<string, int> Programs = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["piano"] = 0, ["bright-piano"] = 1, ["electric-piano"] = 4, ["harpsichord"] = 6, ["celesta"] = 8, ["music-box"] = 10,
        ["vibraphone"] = 11, ["marimba"] = 12, ["organ"] = 19, ["accordion"] = 21, ["harmonica"] = 22,
        ["guitar"] = 24, ["steel-guitar"] = 25, ["jazz-guitar"] = 26, ["electric-guitar"] = 27, ["bass"] = 32, ["electric-bass"] = 33,
        ["violin"] = 40, ["viola"] = 41, ["cello"] = 42, ["contrabass"] = 43, ["pizzicato"] = 45, ["harp"] = 46, ["strings"] = 48,
        ["slow-strings"] = 49, ["synth-strings"] = 50, ["choir"] = 52, ["voice"] = 53, ["trumpet"] = 56, ["trombone"] = 57,
        ["horn"] = 60, ["brass"] = 61, ["soprano-sax"] = 64, ["sax"] = 65, ["tenor-sax"] = 66, ["oboe"] = 68, ["bassoon"] = 70,
        ["clarinet"] = 71, ["piccolo"] = 72, ["flute"] = 73, ["recorder"] = 74, ["pan-flute"] = 75, ["shakuhachi"] = 77,
        ["whistle"] = 78, ["ocarina"] = 79, ["synth-lead"] = 80, ["voice-lead"] = 85, ["pad"] = 88, ["sitar"] = 104, ["banjo"] = 105,
        ["koto"] = 107, ["kalimba"] = 108,
    };

    public static IReadOnlyList<string> Names => [.. Programs.Keys];

    /// <summary>The GM program of a name or number; false with a reason naming the known names otherwise.</summary>
    public static bool TryResolve(string? name, out int program, out string problem)
    {
        program = 0;
        problem = "";
        var text = name?.Trim() ?? "";
        if (Programs.TryGetValue(text.Replace(' ', '-'), out program)) return true;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out program) && program is >= 0 and <= 127)
            return true;
        problem = $"unknown instrument '{(text.Length <= 40 ? text : text[..40] + "…")}' (a GM program 0..127 or one of: {string.Join(", ", Programs.Keys)})";
        return false;
    }

    public static int Resolve(string name) => TryResolve(name, out var program, out var problem) ? program : throw new ArgumentException(problem);
}
