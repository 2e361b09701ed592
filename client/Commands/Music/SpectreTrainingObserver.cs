using CreativeGen.Ml.Music.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>
/// Draws a progress bar per epoch (with tokens/s) and prints one line per epoch with train and validation
/// loss. When the console is not interactive (a log file), prints a progress line every tenth of an epoch.
/// </summary>
public sealed class SpectreTrainingObserver(ProgressContext? context) : ITrainingObserver
{
    private ProgressTask? task;
    private int lastTenth = -1;

    public void Message(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public void EpochStarted(int epoch, int batches)
    {
        task = context?.AddTask($"epoch {epoch}", maxValue: Math.Max(1, batches));
        lastTenth = -1;
    }

    public void BatchDone(int epoch, int batch, int batches, double loss, double tokensPerSecond)
    {
        if (task is not null)
        {
            task.Value = batch;
            task.Description = $"epoch {epoch} loss {loss:F3} {tokensPerSecond:N0} tok/s";
            return;
        }
        var tenth = batch * 10 / Math.Max(1, batches);
        if (tenth == lastTenth) return;
        lastTenth = tenth;
        Console.WriteLine($"  epoch {epoch}: batch {batch}/{batches} loss {loss:F3} {tokensPerSecond:N0} tok/s");
    }

    public void EpochDone(EpochRecord record, bool improved)
    {
        if (task is not null) task.StopTask();
        AnsiConsole.MarkupLine(
            $"epoch {record.Epoch,4}: train loss {record.TrainLoss:F4}  validation loss {record.ValidationLoss:F4} " +
            $"({record.ValidationLoss / Math.Log(2):F3} bits/token){(improved ? " [green]best[/]" : "")}  {record.TokensPerSecond:N0} tok/s  " +
            $"cpu {record.CpuSeconds / 60:F1} min");
    }
}
