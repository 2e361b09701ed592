using System.Globalization;

namespace CreativeGen.Ml.Music.Pop;

/// <summary>A POP909 annotation file that cannot be used; the message names the file and the line.</summary>
public sealed class PopAnnotationException(string path, string problem)
    : IOException($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}

/// <summary>One beat: when it falls (seconds) and whether it opens a bar.</summary>
public sealed record BeatMark(double Seconds, bool Downbeat);

/// <summary>A chord from start to end (seconds); null chord = "N" (none).</summary>
public sealed record ChordSpan(double Start, double End, Chord? Chord);

/// <summary>A key from start to end (seconds).</summary>
public sealed record KeySpan(double Start, double End, MusicKey Key);

/// <summary>
/// Parsers for the POP909 annotations: beat_midi.txt ("time beat downbeat"), chord_midi.txt ("start end label",
/// tab separated) and key_audio.txt ("start end key"). Every problem names the file and line.
/// </summary>
public static class PopAnnotations
{
    public static IReadOnlyList<BeatMark> ReadBeats(string path) => ParseBeats(ReadLines(path), path);

    public static IReadOnlyList<ChordSpan> ReadChords(string path) => ParseChords(ReadLines(path), path);

    public static IReadOnlyList<KeySpan> ReadKeys(string path) => ParseKeys(ReadLines(path), path);

    public static IReadOnlyList<BeatMark> ParseBeats(IEnumerable<string> lines, string path)
    {
        var beats = new List<BeatMark>();
        foreach (var (fields, line) in Rows(lines))
        {
            if (fields.Length < 3) throw new PopAnnotationException(path, $"line {line}: expected 'time beat downbeat', got {fields.Length} fields");
            var seconds = Number(fields[0], path, line, "time");
            if (beats.Count > 0 && seconds <= beats[^1].Seconds)
                throw new PopAnnotationException(path, $"line {line}: beat times must increase ({Chord.Invariant(seconds)} after {Chord.Invariant(beats[^1].Seconds)})");
            beats.Add(new BeatMark(seconds, Number(fields[2], path, line, "downbeat flag") != 0));
        }
        if (beats.Count < 8) throw new PopAnnotationException(path, $"only {beats.Count} beats (at least 8 needed)");
        if (!beats.Any(b => b.Downbeat)) throw new PopAnnotationException(path, "no downbeat is marked");
        return beats;
    }

    public static IReadOnlyList<ChordSpan> ParseChords(IEnumerable<string> lines, string path)
    {
        var chords = new List<ChordSpan>();
        foreach (var (fields, line) in Rows(lines))
        {
            if (fields.Length < 3) throw new PopAnnotationException(path, $"line {line}: expected 'start end chord', got {fields.Length} fields");
            var (start, end) = (Number(fields[0], path, line, "start"), Number(fields[1], path, line, "end"));
            if (end < start) throw new PopAnnotationException(path, $"line {line}: the chord ends ({Chord.Invariant(end)}) before it starts ({Chord.Invariant(start)})");
            if (!Chord.TryParse(fields[2], out var chord, out var problem)) throw new PopAnnotationException(path, $"line {line}: {problem}");
            chords.Add(new ChordSpan(start, end, chord));
        }
        if (chords.Count == 0) throw new PopAnnotationException(path, "holds no chords");
        return chords;
    }

    public static IReadOnlyList<KeySpan> ParseKeys(IEnumerable<string> lines, string path)
    {
        var keys = new List<KeySpan>();
        foreach (var (fields, line) in Rows(lines))
        {
            if (fields.Length < 3) throw new PopAnnotationException(path, $"line {line}: expected 'start end key', got {fields.Length} fields");
            var (start, end) = (Number(fields[0], path, line, "start"), Number(fields[1], path, line, "end"));
            if (!MusicKey.TryParse(fields[2], out var key, out var problem)) throw new PopAnnotationException(path, $"line {line}: {problem}");
            keys.Add(new KeySpan(start, end, key));
        }
        if (keys.Count == 0) throw new PopAnnotationException(path, "holds no key");
        return keys;
    }

    /// <summary>The key that lasts longest (POP909 songs may modulate; the conditioning takes the main key).</summary>
    public static MusicKey MainKey(IReadOnlyList<KeySpan> keys) =>
        keys.GroupBy(k => k.Key).OrderByDescending(g => g.Sum(k => k.End - k.Start)).ThenBy(g => g.Key.Index).First().Key;

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new PopAnnotationException(path, $"cannot be read ({error.Message})");
        }
    }

    private static IEnumerable<(string[] Fields, int Line)> Rows(IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var text in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return (text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), number);
        }
    }

    private static double Number(string text, string path, int line, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new PopAnnotationException(path, $"line {line}: the {what} '{text}' is not a number");
}
