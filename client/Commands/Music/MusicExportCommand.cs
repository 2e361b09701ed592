using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Music;

/// <summary>`creativegen music export`: copies a checkpoint without optimizer state (for shipping).</summary>
public static class MusicExportCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "training checkpoint", Required = true };
        var to = new Option<string>("--to") { Description = "exported model file", Required = true };
        var command = new Command("export", "Write a checkpoint without optimizer state (smaller; cannot be resumed).") { from, to };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var target = Path.GetFullPath(parse.GetValue(to)!);
            MusicCheckpoint.Export(parse.GetValue(from)!, target);
            var size = new FileInfo(target).Length;
            AnsiConsole.MarkupLine($"wrote {Markup.Escape(target)} ({size / 1e6:F2} MB, version {MusicCheckpoint.Version(target)})");
            return 0;
        }));
        return command;
    }
}
