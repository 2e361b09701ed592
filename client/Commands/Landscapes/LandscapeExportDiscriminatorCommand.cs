using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Personal;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape export-discriminator`: the discriminator of a training checkpoint, for personal fine-tunes (FreezeD).</summary>
public static class LandscapeExportDiscriminatorCommand
{
    public static Command Create()
    {
        var from = new Option<FileInfo>("--from") { Description = "A landscape training checkpoint (train.ckpt).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Discriminator file to write.", DefaultValueFactory = _ => new FileInfo(Path.Combine("models", BaseDiscriminatorFile.DefaultFileName)) };
        var command = new Command("export-discriminator", "Write the discriminator of a training checkpoint as the base for personal fine-tunes.") { from, output };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var target = parse.GetValue(output)!.FullName;
            BaseDiscriminatorFile.ExportFrom(parse.GetValue(from)!.FullName, target);
            AnsiConsole.MarkupLineInterpolated($"wrote {target} ({new FileInfo(target).Length / 1e6:F1} MB)");
            return 0;
        }));
        return command;
    }
}
