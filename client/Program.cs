using System.CommandLine;
using CreativeGen.Client.Commands;
using CreativeGen.Client.Commands.Landscapes;
using CreativeGen.Client.Commands.Music;

CliConsole.Configure(Spectre.Console.AnsiConsole.Console, Console.IsOutputRedirected);
var root = new RootCommand("CreativeGen: original music and landscapes from neural networks, personalized per user.")
{
    DoctorCommand.Create(),
    MusicCommand.Create(),
    CreativeGen.Client.Commands.Lyrics.LyricsCommand.Create(),
    LandscapeCommand.Create(),
    CreativeGen.Client.Commands.Serve.ServeCommand.Create(),
    CreativeGen.Client.Commands.Db.DbCommand.Create(),
    CreativeGen.Client.Commands.Models.ModelsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
