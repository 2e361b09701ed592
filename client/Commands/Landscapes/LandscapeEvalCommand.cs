using System.CommandLine;

namespace CreativeGen.Client.Commands.Landscapes;

public static class LandscapeEvalCommand
{
    public static Command Create() => new("eval", "Evaluate a landscape model against real images.");
}
