using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music train`: trains (or resumes) a music LSTM, checkpointing every epoch.</summary>
public static class MusicTrainCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "piano-small (default), seed-recipe or pop-small (POP909 song folders)", DefaultValueFactory = _ => "piano-small" };
        var train = new Option<string>("--train") { Description = "training MIDI folder", Required = true };
        var val = new Option<string>("--val") { Description = "validation MIDI folder", Required = true };
        var output = new Option<string>("--out") { Description = "run folder for checkpoints", DefaultValueFactory = _ => "runs/music" };
        var resume = new Option<bool>("--resume") { Description = "continue from <out>/last.ckpt" };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "performance or notes-chords" };
        var noConditioning = new Option<bool>("--no-conditioning") { Description = "no corpus/composer/tempo tokens" };
        var tracks = new Option<int?>("--tracks") { Description = "note tracks kept apart (2 for melody + chords)" };
        var layers = new Option<int?>("--layers");
        var hidden = new Option<int?>("--hidden");
        var embedding = new Option<int?>("--embedding");
        var dropout = new Option<double?>("--dropout");
        var optimizer = new Option<string?>("--optimizer") { Description = "rmsprop (default) or adam" };
        var learningRate = new Option<double?>("--lr");
        var clip = new Option<double?>("--clip") { Description = "gradient norm clip (0 = off)" };
        var sequenceLength = new Option<int?>("--seq-len");
        var batch = new Option<int?>("--batch");
        var maxEpochs = new Option<int?>("--max-epochs") { Description = "default 1000" };
        var targetLoss = new Option<double?>("--target-loss") { Description = "stop at this validation loss (nats/token)" };
        var patience = new Option<int?>("--patience") { Description = "stop after this many epochs without improvement" };
        var windows = new Option<int?>("--windows-per-epoch");
        var cpuMinutes = new Option<double?>("--max-cpu-minutes") { Description = "stop after this much CPU time" };
        var transpose = new Option<int?>("--transpose");
        var stretch = new Option<double?>("--stretch");
        var seed = new Option<long?>("--seed");
        var maxFiles = new Option<int?>("--max-files") { Description = "use only the first N files of each split" };
        var noWindowState = new Option<bool>("--no-window-state") { Description = "windows cut mid-piece do not open with the notes held there" };

        var command = new Command("train", "Train a music LSTM (checkpoint per epoch; --resume continues).")
        {
            preset, train, val, output, resume, tokenizer, noConditioning, tracks, layers, hidden, embedding, dropout, optimizer,
            learningRate, clip, sequenceLength, batch, maxEpochs, targetLoss, patience, windows, cpuMinutes, transpose, stretch, seed, maxFiles, noWindowState,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var data = new MusicData(parse.GetValue(train)!, parse.GetValue(val)!, parse.GetValue(maxFiles), parse.GetValue(maxFiles));
            var runFolder = parse.GetValue(output)!;
            TrainingOptions Stopping(TrainingOptions o) => o with
            {
                MaxEpochs = parse.GetValue(maxEpochs) ?? o.MaxEpochs,
                TargetValidationLoss = parse.GetValue(targetLoss) ?? o.TargetValidationLoss,
                Patience = parse.GetValue(patience) ?? o.Patience,
                MaxCpuMinutes = parse.GetValue(cpuMinutes) ?? o.MaxCpuMinutes,
            };
            MusicTrainer Build(ITrainingObserver observer)
            {
                if (parse.GetValue(resume)) return MusicTrainer.Resume(Path.Combine(runFolder, MusicTrainer.LastFileName), data, runFolder, observer, Stopping);
                var p = TrainingOptions.FromPreset(parse.GetValue(preset)!);
                var options = Stopping(p with
                {
                    Tokenizer = parse.GetValue(tokenizer) switch
                    {
                        null => p.Tokenizer,
                        "performance" => TokenizerKind.PerformanceEvents,
                        "notes-chords" => TokenizerKind.NotesAndChords,
                        var other => throw new ArgumentException($"unknown tokenizer '{other}' (performance, notes-chords)"),
                    },
                    Conditioned = !parse.GetValue(noConditioning) && p.Conditioned,
                    Tracks = parse.GetValue(tracks) ?? p.Tracks,
                    Layers = parse.GetValue(layers) ?? p.Layers,
                    HiddenSize = parse.GetValue(hidden) ?? p.HiddenSize,
                    EmbeddingSize = parse.GetValue(embedding) ?? p.EmbeddingSize,
                    Dropout = parse.GetValue(dropout) ?? p.Dropout,
                    Optimizer = parse.GetValue(optimizer) switch
                    {
                        null => p.Optimizer,
                        "rmsprop" => OptimizerKind.RmsProp,
                        "adam" => OptimizerKind.Adam,
                        var other => throw new ArgumentException($"unknown optimizer '{other}' (rmsprop, adam)"),
                    },
                    LearningRate = parse.GetValue(learningRate) ?? p.LearningRate,
                    ClipNorm = parse.GetValue(clip) ?? p.ClipNorm,
                    SequenceLength = parse.GetValue(sequenceLength) ?? p.SequenceLength,
                    BatchSize = parse.GetValue(batch) ?? p.BatchSize,
                    WindowsPerEpoch = parse.GetValue(windows) ?? p.WindowsPerEpoch,
                    Transpose = parse.GetValue(transpose) ?? p.Transpose,
                    TempoStretch = parse.GetValue(stretch) ?? p.TempoStretch,
                    Seed = parse.GetValue(seed) ?? p.Seed,
                    WindowState = !parse.GetValue(noWindowState),
                });
                observer.Message($"preset {options.Preset}, seed {options.Seed}: {options.Tokenizer}, {options.Layers}×LSTM-{options.HiddenSize}, embedding {options.EmbeddingSize}, dropout {options.Dropout}, {options.Optimizer} lr {options.LearningRate}");
                return MusicTrainer.Start(options, data, runFolder, observer);
            }

            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            // A background run (nohup … &) ignores SIGINT; SIGTERM stops it the same way (the last finished epoch is on disk).
            using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal => { signal.Cancel = true; cancel.Cancel(); });
            TrainingResult? result = null;
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        using var trainer = Build(new SpectreTrainingObserver(context));
                        result = trainer.Run(cancel.Token);
                    });
            }
            else
            {
                using var trainer = Build(new SpectreTrainingObserver(null));
                result = trainer.Run(cancel.Token);
            }
            AnsiConsole.MarkupLine($"stopped: {Markup.Escape(result!.StopReason)}. Best validation loss {result.State.BestValidationLoss:F4} at epoch {result.State.BestEpoch}; checkpoints: {Markup.Escape(Path.GetFullPath(result.LastCheckpoint))}, {Markup.Escape(Path.GetFullPath(result.BestCheckpoint))}");
            return 0;
        }));
        return command;
    }
}
