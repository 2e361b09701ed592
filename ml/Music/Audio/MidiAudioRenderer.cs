using System.Diagnostics;

namespace CreativeGen.Ml.Music.Audio;

/// <summary>
/// Renders MIDI to WAV with fluidsynth (run as a process) and a General MIDI soundfont. On Debian:
/// `apt-get install fluidsynth fluid-soundfont-gm`. Temp files are always removed.
/// </summary>
public static class MidiAudioRenderer
{
    public static readonly string[] SoundFontCandidates =
    [
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
        "/usr/share/sounds/sf2/default-GM.sf2",
        "/usr/share/soundfonts/default.sf2",
    ];

    /// <summary>The fluidsynth executable (FLUIDSYNTH overrides), or null when none is installed.</summary>
    public static string? FindFluidSynth()
    {
        if (Environment.GetEnvironmentVariable("FLUIDSYNTH") is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "fluidsynth"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The soundfont to use: the argument, CREATIVEGEN_SOUNDFONT, or the first Debian GM soundfont found.</summary>
    public static string? FindSoundFont(string? soundFontPath = null) =>
        soundFontPath
        ?? (Environment.GetEnvironmentVariable("CREATIVEGEN_SOUNDFONT") is { Length: > 0 } configured ? configured : null)
        ?? SoundFontCandidates.FirstOrDefault(File.Exists);

    /// <summary>Renders a standard MIDI file to 16-bit 44.1 kHz stereo WAV bytes.</summary>
    /// <exception cref="InvalidOperationException">fluidsynth or the soundfont is missing, or rendering failed.</exception>
    public static byte[] RenderWav(byte[] midi, string? soundFontPath = null)
    {
        ArgumentNullException.ThrowIfNull(midi);
        if (midi.Length < 14) throw new ArgumentException("not a MIDI file (too short)", nameof(midi));
        var fluidsynth = FindFluidSynth()
            ?? throw new InvalidOperationException("fluidsynth is not installed (Debian: apt-get install fluidsynth fluid-soundfont-gm), or set FLUIDSYNTH to its path.");
        var soundFont = FindSoundFont(soundFontPath);
        if (soundFont is null || !File.Exists(soundFont))
            throw new InvalidOperationException($"no General MIDI soundfont found ({soundFont ?? string.Join(", ", SoundFontCandidates)}); install fluid-soundfont-gm or set CREATIVEGEN_SOUNDFONT.");

        var folder = Directory.CreateTempSubdirectory("creativegen-render-");
        try
        {
            var midiPath = Path.Combine(folder.FullName, "in.mid");
            var wavPath = Path.Combine(folder.FullName, "out.wav");
            File.WriteAllBytes(midiPath, midi);
            var start = new ProcessStartInfo(fluidsynth)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-ni", "-q", "-g", "0.6", "-r", "44100", "-T", "wav", "-F", wavPath, soundFont, midiPath })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("fluidsynth did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("fluidsynth took longer than 5 minutes");
            }
            if (process.ExitCode != 0 || !File.Exists(wavPath) || new FileInfo(wavPath).Length <= 44)
                throw new InvalidOperationException($"fluidsynth failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return File.ReadAllBytes(wavPath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
