using System.Diagnostics;
using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Pronunciation;

namespace CreativeGen.Ml.Lyrics.Singing;

/// <summary>
/// Sings a song's syllables with Festival (Debian: apt-get install festival festvox-kallpc16k), phrase by phrase:
/// each phrase is rendered by `text2wave -mode singing` from its <see cref="FestivalScore"/> and placed at its
/// first note, so a syllable Festival stretches can never push later phrases off the beat. The melody is moved by
/// whole octaves into the voice's range (pitch classes stay those of the melody). Festival's output depends only on
/// its input (checked: byte-identical WAVs from repeated runs), so a recipe sings the same every time.
/// </summary>
public static class FestivalSinger
{
    public const int SampleRate = 16000;

    /// <summary>Centre of the kal voice's comfortable range (MIDI pitch: G3).</summary>
    public const int VoiceCentre = 55;

    /// <summary>The text2wave executable (TEXT2WAVE overrides), or null when Festival is not installed.</summary>
    public static string? FindTextToWave()
    {
        if (Environment.GetEnvironmentVariable("TEXT2WAVE") is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, "text2wave")).FirstOrDefault(File.Exists);
    }

    /// <summary>Octave shift (a multiple of 12) that brings the melody's median pitch nearest <see cref="VoiceCentre"/>.</summary>
    public static int Transposition(IReadOnlyList<SungSyllable> syllables)
    {
        var pitches = syllables.SelectMany(s => s.Notes).Select(n => n.Pitch).Order().ToArray();
        if (pitches.Length == 0) return 0;
        var median = pitches[pitches.Length / 2];
        return (int)Math.Round((VoiceCentre - median) / 12.0) * 12;
    }

    /// <summary>The vocal stem: 16 kHz mono, as long as the last phrase (plus Festival's tail).</summary>
    public static PcmAudio Sing(IReadOnlyList<SungSyllable> syllables, Lexicon lexicon)
    {
        var textToWave = FindTextToWave()
            ?? throw new InvalidOperationException("Festival is not installed (Debian: apt-get install festival festvox-kallpc16k), or set TEXT2WAVE to text2wave's path.");
        var transpose = Transposition(syllables);
        var phrases = syllables.GroupBy(s => s.Line).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var rendered = new List<(double Start, float[] Samples)>();
        var folder = Directory.CreateTempSubdirectory("creativegen-sing-");
        try
        {
            foreach (var phrase in phrases)
            {
                var xmlPath = Path.Combine(folder.FullName, "phrase.xml");
                var lexiconPath = Path.Combine(folder.FullName, "lexicon.scm");
                var wavPath = Path.Combine(folder.FullName, "phrase.wav");
                File.WriteAllText(xmlPath, FestivalScore.Xml(phrase, transpose));
                File.WriteAllText(lexiconPath, FestivalScore.LexiconEntries(phrase, lexicon));
                try
                {
                    Run(textToWave, ["-mode", "singing", "-eval", lexiconPath, xmlPath, "-o", wavPath]);
                }
                catch (InvalidOperationException error)
                {
                    // Keep what Festival was given, so the failure can be reproduced by hand.
                    var kept = Directory.CreateTempSubdirectory("creativegen-sing-failed-").FullName;
                    File.Copy(xmlPath, Path.Combine(kept, "phrase.xml"));
                    File.Copy(lexiconPath, Path.Combine(kept, "lexicon.scm"));
                    throw new InvalidOperationException($"{error.Message} (line {phrase[0].Line + 1}; input kept in {kept})", error);
                }
                var audio = WavAudio.Read(File.ReadAllBytes(wavPath), "Festival output");
                if (audio.Channels != 1) throw new InvalidOperationException("Festival returned stereo audio; expected mono");
                var samples = WavAudio.Resample(audio.Samples, audio.SampleRate, SampleRate);
                rendered.Add((phrase[0].StartSeconds - FestivalScore.LeadInSeconds, samples));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var length = rendered.Count == 0 ? 0 : rendered.Max(r => (int)Math.Round(Math.Max(0, r.Start) * SampleRate) + r.Samples.Length);
        var stem = new float[length];
        foreach (var (start, samples) in rendered)
        {
            var offset = (int)Math.Round(start * SampleRate);
            for (var i = 0; i < samples.Length; i++)
                if (offset + i >= 0) stem[offset + i] += samples[i];
        }
        return new PcmAudio(SampleRate, 1, stem);
    }

    private static void Run(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("text2wave did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("text2wave took longer than 2 minutes for one phrase");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"text2wave failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
    }
}
