using System.CommandLine;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape ...`: train, generate and evaluate the Landscape Designer.</summary>
public static class LandscapeCommand
{
    public static Command Create() => new("landscape", "Landscape Designer: a category-conditional GAN that paints forests, glaciers, mountains and seas.")
    {
        LandscapeTrainCommand.Create(),
        LandscapeGenerateCommand.Create(),
        LandscapeEvalCommand.Create(),
        LandscapeSpeedCommand.Create(),
        LandscapeClassifierCommand.Create(),
        LandscapeFinetuneCommand.Create(),
        LandscapeExportDiscriminatorCommand.Create(),
        LandscapePersonalEvalCommand.Create(),
    };
}
