using System.CommandLine;

namespace CreativeGen.Client.Commands.Landscapes;

public static class LandscapeGenerateCommand
{
    public static Command Create() => new("generate", "Paint landscapes with a trained model.");
}
