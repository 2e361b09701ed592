using System.Diagnostics;
using System.Globalization;
using CreativeGen.Ml.Lyrics.Melody;

namespace CreativeGen.Ml.Lyrics.Evaluation;

/// <summary>How closely a vocal stem follows its melody, measured with aubio (Debian: apt-get install aubio-tools).</summary>
public sealed record SingingReport(Share PitchClassFrames, Share OnsetsWithin50Ms, double MedianOnsetErrorMs);

/// <summary>
/// Listens to a sung stem with aubio's command-line tools: `aubiopitch` (YIN-FFT, MIDI units) gives a pitch per
/// frame; a frame is voiced when aubio reports a pitch there, and it matches when its rounded pitch class equals that
/// of the note the melody has at that time (after the singer's octave shift). `aubioonset` gives the voice's onsets;
/// a syllable is on time when an onset lies within 50 ms of its note's start.
/// </summary>
public static class SingingBench
{
    public static bool Available => Find("aubiopitch") is not null && Find("aubioonset") is not null;

    public static SingingReport Measure(string stemPath, IReadOnlyList<SungSyllable> syllables, int transpose)
    {
        var pitches = Run("aubiopitch", ["-i", stemPath, "-p", "yinfft", "-u", "midi", "-s", "-40"]);
        var onsets = Run("aubioonset", ["-i", stemPath, "-O", "hfc", "-M", "0.05"]).Select(row => row[0]).ToArray();
        var notes = syllables.SelectMany(s => s.Notes).OrderBy(n => n.StartSeconds).ToArray();
        var (matched, voiced) = (0, 0);
        foreach (var row in pitches)
        {
            if (row.Length < 2 || row[1] <= 0) continue;
            var note = NoteAt(notes, row[0]);
            if (note is null) continue;
            voiced++;
            if (Mod12((int)Math.Round(row[1])) == Mod12(note.Pitch + transpose)) matched++;
        }
        var errors = syllables.Select(s => onsets.Length == 0 ? double.PositiveInfinity : onsets.Min(o => Math.Abs(o - s.StartSeconds)) * 1000).Order().ToArray();
        return new SingingReport(new Share(matched, voiced), new Share(errors.Count(e => e <= 50), errors.Length), errors.Length == 0 ? double.NaN : errors[errors.Length / 2]);
    }

    /// <summary>The note sounding at <paramref name="seconds"/>, skipping the first 30 ms of each (the voice glides there).</summary>
    private static MelodyNote? NoteAt(MelodyNote[] notes, double seconds) =>
        notes.FirstOrDefault(n => seconds >= n.StartSeconds + 0.03 && seconds < n.EndSeconds);

    private static int Mod12(int pitch) => ((pitch % 12) + 12) % 12;

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);

    private static List<double[]> Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed (Debian: apt-get install aubio-tools)"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed: {stderr.Result.Trim()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
    }
}
