using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Evaluation;
using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Output;
using CreativeGen.Ml.Lyrics.Pronunciation;
using CreativeGen.Ml.Lyrics.Singing;
using CreativeGen.Ml.Lyrics.Writing;
using CreativeGen.Ml.Music.Midi;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Lyrics;

/// <summary>`creativegen lyrics bench`: sets words to real melodies and prints the measures of issue 12; --sing also sings and listens.</summary>
public static class LyricsBenchCommand
{
    public static Command Create()
    {
        var poems = new Option<string>("--poems") { Description = "poem folder holding train/ and val/", Required = true };
        var dictionary = new Option<string>("--cmudict") { Required = true };
        var melodies = new Option<string[]>("--melodies") { Description = "MIDI files; the melody is track --melody-track, else the top line", Required = true, AllowMultipleArgumentsPerToken = true };
        var melodyTrack = new Option<int?>("--melody-track");
        var bars = new Option<int>("--bars") { Description = "use the first N bars of each melody", DefaultValueFactory = _ => 16 };
        var model = new Option<string?>("--model") { Description = "lyric model (default: the shipped one)" };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "runs/lyrics-bench" };
        var sing = new Option<int>("--sing") { Description = "sing and measure the first N songs (Festival, aubio)", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Measure lyrics on real melodies: rhyme, syllables, stress, originality, perplexity; optionally singing.")
        {
            poems, dictionary, melodies, melodyTrack, bars, model, output, sing,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize(defaultThreads: 1, defaultReason: "1 for lyric generation");
            using var lyricModel = parse.GetValue(model) is { } path ? LyricModel.Load(path) : LyricModel.LoadDefault();
            var writer = new LyricWriter(lyricModel);
            var lexicon = Lexicon.Load(parse.GetValue(dictionary)!);
            var (train, _) = PoemCorpus.ReadFolder(Path.Combine(parse.GetValue(poems)!, "train"));
            var (validation, _) = PoemCorpus.ReadFolder(Path.Combine(parse.GetValue(poems)!, "val"));
            var beats = parse.GetValue(bars) * 4.0;
            var tunes = parse.GetValue(melodies)!.Select(file =>
            {
                var piece = MidiReader.Read(file);
                var notes = parse.GetValue(melodyTrack) is { } track ? MelodyLine.FromTrack(piece.Notes, track) : MelodyLine.TopLine(piece.Notes);
                var start = notes.Count == 0 ? 0 : Math.Floor(notes[0].StartBeats / 4) * 4;
                return (Path.GetFileName(file), (IReadOnlyList<MelodyNote>)notes.Where(n => n.StartBeats < start + beats).ToArray());
            }).Where(t => t.Item2.Count >= 4).ToArray();
            var report = LyricBench.Run(writer, lexicon, train, validation, tunes, LyricRequest.Schemes, [.. ThemeWords.Categories, null]);
            var outFolder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(outFolder);
            AnsiConsole.MarkupLineInterpolated($"lyric model {lyricModel.Version}, {tunes.Length} melodies, {report.Songs.Sum(s => s.Song.Lyrics.Lines.Count)} lines, {report.SecondsPerLine:F2} s/line");
            Console.WriteLine($"| rhymed pairs | {report.Rhymes} |");
            Console.WriteLine($"| exact syllable counts | {report.ExactSyllables} |");
            Console.WriteLine($"| stressed syllables on strong beats (generated) | {report.StressOnStrong} |");
            Console.WriteLine($"| same, real val verse set to the same phrases | {report.RealVerseStress} |");
            Console.WriteLine($"| 8-word runs copied from the training poems | {report.CopiedRuns} |");
            Console.WriteLine($"| lines that gave up a constraint | {report.RelaxedLines} |");
            Console.WriteLine($"| val perplexity: LSTM / KN trigram | {report.LstmPerplexity:F1} / {report.NGramPerplexity:F1} |");
            foreach (var (song, index) in report.Songs.Select((s, i) => (s, i)))
            {
                var stem = Path.Combine(outFolder, $"song{index + 1:00}");
                File.WriteAllText(stem + ".txt", $"{song.Name}, scheme {song.Scheme}, theme {song.Theme ?? "-"}\n\n{song.Song.Lyrics.ToText()}");
                File.WriteAllText(stem + ".lrc", LrcWriter.Write(song.Song.Syllables, song.Name));
                if (index >= parse.GetValue(sing)) continue;
                var voice = FestivalSinger.Sing(song.Song.Syllables, lyricModel.Lexicon);
                var again = FestivalSinger.Sing(song.Song.Syllables, lyricModel.Lexicon);
                var wav = WavAudio.Write(voice);
                File.WriteAllBytes(stem + ".vocals.wav", wav);
                var stable = wav.AsSpan().SequenceEqual(WavAudio.Write(again));
                var singing = SingingBench.Measure(stem + ".vocals.wav", song.Song.Syllables, FestivalSinger.Transposition(song.Song.Syllables));
                Console.WriteLine($"| singing {song.Name} | pitch classes {singing.PitchClassFrames} of voiced frames; onsets within 50 ms {singing.OnsetsWithin50Ms}, median {singing.MedianOnsetErrorMs:F0} ms; byte-stable {stable} |");
            }
            AnsiConsole.MarkupLineInterpolated($"examples in {outFolder}");
            return 0;
        }));
        return command;
    }
}
