using System.CommandLine;
using CreativeGen.Client.Commands.Lyrics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Lyrics.Songs;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Audio;
using CreativeGen.Ml.Music.Midi;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music generate`: writes a new piece as MIDI (and optionally WAV).</summary>
public static class MusicGenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "checkpoint (default: the shipped models/music-piano.ckpt)" };
        var output = new Option<string>("--out") { Description = "MIDI file to write", DefaultValueFactory = _ => "song.mid" };
        var primer = new Option<string?>("--primer") { Description = "MIDI file to continue (the output starts with it)" };
        var temperature = new Option<double>("--temperature") { DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int?>("--top-k");
        var topP = new Option<double?>("--top-p");
        var length = new Option<double>("--length-seconds") { DefaultValueFactory = _ => 30 };
        var composer = new Option<string?>("--composer") { Description = "composer label (see the list printed on error); default: drawn from the seed" };
        var tempo = new Option<double?>("--tempo") { Description = "tempo in bpm (conditions the model and sets the file's tempo)" };
        var seed = new Option<long?>("--seed") { Description = "random seed (default: from the clock, printed)" };
        var wav = new Option<string?>("--wav") { Description = "also render WAV through fluidsynth" };
        var soundFont = new Option<string?>("--soundfont") { Description = "General MIDI .sf2 for --wav" };
        var lyrics = new Option<bool>("--lyrics") { Description = "write words to the melody: lyric events in the MIDI, .lrc and .txt beside it; with --wav, sung" };
        var theme = new Option<string?>("--theme") { Description = "what the words are about (sea, mountain, forest, glacier, or any word)" };
        var scheme = new Option<string>("--scheme") { Description = "rhyme scheme: abab, aabb, abcb, abba", DefaultValueFactory = _ => "abab" };
        var melodyTrack = new Option<int?>("--melody-track") { Description = "note track holding the melody (default: the top line)" };
        var style = new Option<string?>("--style") { Description = "piano (default) or pop: picks the shipped model (folk has none yet)" };
        var key = new Option<string?>("--key") { Description = "pop: key such as \"A minor\" or \"Eb major\" (default: drawn from the seed)" };
        var chords = new Option<string?>("--chords") { Description = "pop: chord progression, one chord per bar, repeated (e.g. \"Am F C G\")" };
        var instruments = new Option<string?>("--instruments") { Description = "GM instrument per track, comma-separated (pop: melody,bridge,accompaniment; default flute,strings,piano)" };
        var command = new Command("generate", "Generate a piece of music as MIDI.")
        {
            model, output, primer, temperature, topK, topP, length, composer, tempo, seed, wav, soundFont, lyrics, theme, scheme, melodyTrack, style, key, chords, instruments,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            MusicCommand.InitializeTorchForSampling();
            var modelPath = parse.GetValue(model) ?? DefaultModels.Require(MusicStyles.ModelFileName(parse.GetValue(style) ?? MusicStyles.Piano));
            var seedValue = parse.GetValue(seed) ?? Environment.TickCount64 % 1_000_000;
            var primerPiece = parse.GetValue(primer) is { } primerPath ? MidiReader.Read(primerPath) : null;
            var request = new MusicRequest(parse.GetValue(composer), parse.GetValue(length), parse.GetValue(temperature),
                parse.GetValue(topK), parse.GetValue(topP), seedValue, parse.GetValue(tempo), parse.GetValue(key),
                List(parse.GetValue(chords), ' ', ','), List(parse.GetValue(instruments), ','));
            using var generator = MusicModelLoader.LoadGenerator(modelPath);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var tokens = generator.GenerateTokens([request], [primerPiece]);
            var midi = generator.ToMidi(tokens[0], request);
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            var song = parse.GetValue(lyrics)
                ? SongLyricsOutput.Write(midi, outPath, new LyricOptions(parse.GetValue(scheme)!, parse.GetValue(theme), seedValue, parse.GetValue(melodyTrack)))
                : null;
            AtomicFile.WriteAllBytes(outPath, song?.Midi ?? midi);
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(outPath)}: {tokens[0].Length} tokens in {started.Elapsed.TotalSeconds:F1} s, " +
                $"model {Markup.Escape(generator.ModelName)} version {generator.ModelVersion}, seed {seedValue}");
            if (parse.GetValue(wav) is { } wavOption)
            {
                var wavPath = Path.GetFullPath(wavOption);
                var accompaniment = MidiAudioRenderer.RenderWav(midi, parse.GetValue(soundFont));
                AtomicFile.WriteAllBytes(wavPath, song is null ? accompaniment : SongLyricsOutput.Sing(song, wavPath, accompaniment));
                AnsiConsole.MarkupLine($"wrote {Markup.Escape(wavPath)}");
            }
            return 0;
        }));
        return command;
    }

    private static string[]? List(string? text, params char[] separators) =>
        text is null ? null : text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
