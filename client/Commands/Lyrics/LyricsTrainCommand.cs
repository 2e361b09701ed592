using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Lyrics.Corpus;
using CreativeGen.Ml.Lyrics.Model;
using CreativeGen.Ml.Lyrics.Pronunciation;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Lyrics;

/// <summary>`creativegen lyrics train`: trains the lyric LSTM on the poem corpus, saving best.lyr / last.lyr per epoch.</summary>
public static class LyricsTrainCommand
{
    public static Command Create()
    {
        var poems = new Option<string>("--poems") { Description = "poem folder holding train/ and val/", Required = true };
        var dictionary = new Option<string>("--cmudict") { Description = "cmudict.dict (its LICENSE beside it is copied into the model)", Required = true };
        var output = new Option<string>("--out") { Description = "run folder", DefaultValueFactory = _ => "runs/lyrics" };
        var minutes = new Option<double>("--max-minutes") { DefaultValueFactory = _ => 35 };
        var epochs = new Option<int>("--max-epochs") { DefaultValueFactory = _ => 20 };
        var words = new Option<int>("--max-words") { DefaultValueFactory = _ => 5000 };
        var hidden = new Option<int>("--hidden") { DefaultValueFactory = _ => 256 };
        var embedding = new Option<int>("--embedding") { DefaultValueFactory = _ => 96 };
        var seed = new Option<long>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("train", "Train the lyric LSTM (reversed lines, word level).") { poems, dictionary, output, minutes, epochs, words, hidden, embedding, seed };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var folder = parse.GetValue(poems)!;
            var (train, trainReport) = PoemCorpus.ReadFolder(Path.Combine(folder, "train"));
            var (validation, validationReport) = PoemCorpus.ReadFolder(Path.Combine(folder, "val"));
            void Log(string message) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
            Log($"train: {trainReport}");
            Log($"val: {validationReport}");
            var dictionaryPath = parse.GetValue(dictionary)!;
            var lexicon = Lexicon.Load(dictionaryPath);
            var licence = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dictionaryPath))!, "LICENSE");
            var notice = File.Exists(licence) ? File.ReadAllText(licence) : throw new FileNotFoundException($"the CMUdict licence must travel with its data: {licence} is missing", licence);
            var options = new LyricTrainingOptions(MaxWords: parse.GetValue(words), EmbeddingSize: parse.GetValue(embedding), HiddenSize: parse.GetValue(hidden),
                MaxEpochs: parse.GetValue(epochs), MaxMinutes: parse.GetValue(minutes), Seed: parse.GetValue(seed));
            var best = LyricTrainer.Train(options, train, validation, lexicon, notice, parse.GetValue(output)!, Log);
            AnsiConsole.MarkupLineInterpolated($"best model: {best}");
            return 0;
        }));
        return command;
    }
}
