using System.CommandLine;
using CreativeGen.Client.Gateway;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Models;

/// <summary>
/// `creativegen models ...`: operate the models of a running cluster as an Orleans client: hot-swap a model grain to
/// another version, and train a music model on a model-host silo with each improved epoch swapped in.
/// </summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Required = true, Description = "The cluster: a PostgreSQL connection string (ADO.NET clustering) or localhost[:gatewayPort]." };
        var clusterId = new Option<string?>("--cluster-id") { Description = "Cluster and service id (default: creativegen)." };
        var model = new Option<string>("--model") { Required = true, Description = "Model name (the model grain's key), e.g. music-piano." };

        var kind = new Option<string>("--kind") { DefaultValueFactory = _ => "music", Description = "music or landscape." };
        var version = new Option<string>("--version") { Required = true, Description = "A version id kept in the model's archive, or 'default' for the model's own file." };
        var swap = new Command("swap", "Serve another version of a model from now on, without failing a request.") { cluster, clusterId, model, kind, version };
        swap.SetAction((parse, token) => WithClusterAsync(parse.GetValue(cluster)!, parse.GetValue(clusterId), async grains =>
        {
            var target = parse.GetValue(version) is "default" ? null : parse.GetValue(version);
            var serving = parse.GetValue(kind) switch
            {
                "music" => (await grains.GetGrain<IMusicModelGrain>(parse.GetValue(model)!).SwapAsync(target)).Version,
                "landscape" => (await grains.GetGrain<ILandscapeModelGrain>(parse.GetValue(model)!).SwapAsync(target)).Version,
                var other => throw GenerationRequestException.Invalid("kind", $"--kind must be music or landscape (got '{other}')."),
            };
            AnsiConsole.MarkupLine($"[green]{Markup.Escape(parse.GetValue(model)!)}[/] now serves version [bold]{Markup.Escape(serving)}[/].");
        }, token));

        var train = new Option<string>("--train") { Required = true, Description = "Folder of training MIDI files, as the model-host silo sees it." };
        var validation = new Option<string>("--val") { Required = true, Description = "Folder of validation MIDI files." };
        var run = new Option<string>("--run") { Required = true, Description = "Run folder for the checkpoints, on the model-host silo." };
        var epochs = new Option<int>("--epochs") { Required = true, Description = "Total epochs to reach." };
        var options = new Option<FileInfo?>("--options") { Description = "Training options as JSON (default: the piano-small preset)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --run from its last finished epoch." };
        var follow = new Option<bool>("--follow") { Description = "Print each epoch until the run ends." };
        var start = new Command("train", "Train a music model on a model-host silo; each improved epoch is published and swapped in.")
        {
            cluster, clusterId, model, train, validation, run, epochs, options, resume, follow,
        };
        start.SetAction((parse, token) => WithClusterAsync(parse.GetValue(cluster)!, parse.GetValue(clusterId), async grains =>
        {
            var coordinator = grains.GetGrain<ITrainingCoordinatorGrain>(parse.GetValue(model)!);
            var json = parse.GetValue(options) is { } file ? await File.ReadAllTextAsync(file.FullName, token) : null;
            // A relative path is made absolute here, against the directory the command was typed in (a silo's own
            // working directory is no place a user can see); absolute paths are passed on as the silo will see them.
            Print(await coordinator.StartAsync(new MusicTrainingJob(Path.GetFullPath(parse.GetValue(train)!), Path.GetFullPath(parse.GetValue(validation)!), Path.GetFullPath(parse.GetValue(run)!),
                parse.GetValue(epochs), OptionsJson: json, Resume: parse.GetValue(resume))));
            if (parse.GetValue(follow)) await FollowAsync(coordinator, token);
        }, token));

        var status = new Command("status", "The training status of a model.") { cluster, clusterId, model, follow };
        status.SetAction((parse, token) => WithClusterAsync(parse.GetValue(cluster)!, parse.GetValue(clusterId), async grains =>
        {
            var coordinator = grains.GetGrain<ITrainingCoordinatorGrain>(parse.GetValue(model)!);
            Print(await coordinator.GetStatusAsync());
            if (parse.GetValue(follow)) await FollowAsync(coordinator, token);
        }, token));

        var stop = new Command("stop", "Stop a model's training after the batch in progress (resume later with train --resume).") { cluster, clusterId, model };
        stop.SetAction((parse, token) => WithClusterAsync(parse.GetValue(cluster)!, parse.GetValue(clusterId),
            async grains => Print(await grains.GetGrain<ITrainingCoordinatorGrain>(parse.GetValue(model)!).StopAsync()), token));

        return new Command("models", "Operate the models of a running cluster (hot swap, training).") { swap, start, status, stop };
    }

    private static async Task<int> WithClusterAsync(string cluster, string? clusterId, Func<IGrainFactory, Task> work, CancellationToken token)
    {
        var silo = new CreativeGenSiloOptions();
        if (clusterId is not null) silo.ClusterId = silo.ServiceId = clusterId;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.UseOrleansClient(client => GatewayApplication.ConfigureClusterClient(client, cluster, silo));
            using var host = builder.Build();
            await host.StartAsync(token);
            await work(host.Services.GetRequiredService<IGrainFactory>());
            await host.StopAsync(token);
            return 0;
        }
        catch (GenerationRequestException error)
        {
            AnsiConsole.MarkupLine($"[red]refused[/]: {Markup.Escape(error.Message)}");
            return 2;
        }
        catch (Exception error) when (error is OrleansException or TimeoutException or IOException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[red]cluster call failed[/]: {Markup.Escape(error.Message)}");
            return 1;
        }
    }

    private static async Task FollowAsync(ITrainingCoordinatorGrain coordinator, CancellationToken token)
    {
        var shown = -1;
        while (!token.IsCancellationRequested)
        {
            var status = await coordinator.GetStatusAsync();
            if (status.Epoch != shown || status.Phase != TrainingPhase.Running)
            {
                Print(status);
                shown = status.Epoch;
            }
            if (status.Phase != TrainingPhase.Running) return;
            await Task.Delay(TimeSpan.FromSeconds(2), token);
        }
    }

    private static void Print(TrainingStatus status) =>
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{status.Phase}: epoch {status.Epoch}, validation {status.ValidationLoss?.ToString("F4") ?? "-"} (best {status.BestValidationLoss?.ToString("F4") ?? "-"}), " +
            $"deployed {(status.DeployedVersions.Length == 0 ? "none" : string.Join(", ", status.DeployedVersions))}{(status.Message is null ? "" : " - " + status.Message)}"));
}
