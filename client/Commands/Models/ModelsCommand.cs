using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreativeGen.Client.Gateway.Operators;
using CreativeGen.GrainInterfaces.Training;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Models;

/// <summary>
/// `creativegen models ...`: operate the models of a running cluster through the gateway's operator API
/// (/v1/operator), with the operator key: hot-swap a model to another version, and train a music model on a
/// model-host silo with each improved epoch swapped in. The key comes from CREATIVEGEN_OPERATOR_KEY or a file, never
/// from the command line (where `ps` would show it).
/// </summary>
public static class ModelsCommand
{
    public const string KeyVariable = "CREATIVEGEN_OPERATOR_KEY";

    // The gateway writes enums as names (TrainingPhase "Running").
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Command Create()
    {
        var gateway = new Option<string>("--gateway") { DefaultValueFactory = _ => "http://127.0.0.1:5080", Description = "The gateway's URL." };
        var keyFile = new Option<FileInfo?>("--operator-key-file") { Description = $"File holding the operator key (default: the {KeyVariable} variable)." };
        var model = new Option<string>("--model") { Required = true, Description = "Model name (the model grain's key), e.g. music-piano." };

        var kind = new Option<string>("--kind") { DefaultValueFactory = _ => "music", Description = "music or landscape." };
        var version = new Option<string>("--version") { Required = true, Description = "A version id kept in the model's archive, or 'default' for the model's own file." };
        var swap = new Command("swap", "Serve another version of a model from now on, without failing a request.") { gateway, keyFile, model, kind, version };
        swap.SetAction((parse, token) => WithGatewayAsync(parse.GetValue(gateway)!, parse.GetValue(keyFile), async http =>
        {
            var swapped = await ReadAsync<SwapResult>(await http.PostAsJsonAsync(
                $"v1/operator/models/{Uri.EscapeDataString(parse.GetValue(kind)!)}/{Uri.EscapeDataString(parse.GetValue(model)!)}/swap",
                new SwapRequest(parse.GetValue(version)), token), token);
            AnsiConsole.MarkupLine($"[green]{Markup.Escape(swapped.Model)}[/] now serves version [bold]{Markup.Escape(swapped.Version)}[/].");
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
            gateway, keyFile, model, train, validation, run, epochs, options, resume, follow,
        };
        start.SetAction((parse, token) => WithGatewayAsync(parse.GetValue(gateway)!, parse.GetValue(keyFile), async http =>
        {
            var json = parse.GetValue(options) is { } file ? await File.ReadAllTextAsync(file.FullName, token) : null;
            // A relative path is made absolute here, against the directory the command was typed in (a silo's own
            // working directory is no place a user can see); absolute paths are passed on as the silo will see them.
            var job = new MusicTrainingJob(Path.GetFullPath(parse.GetValue(train)!), Path.GetFullPath(parse.GetValue(validation)!), Path.GetFullPath(parse.GetValue(run)!),
                parse.GetValue(epochs), OptionsJson: json, Resume: parse.GetValue(resume));
            Print(await ReadAsync<TrainingStatus>(await http.PostAsJsonAsync(TrainingPath(parse.GetValue(model)!), job, token), token));
            if (parse.GetValue(follow)) await FollowAsync(http, parse.GetValue(model)!, token);
        }, token));

        var status = new Command("status", "The training status of a model.") { gateway, keyFile, model, follow };
        status.SetAction((parse, token) => WithGatewayAsync(parse.GetValue(gateway)!, parse.GetValue(keyFile), async http =>
        {
            Print(await ReadAsync<TrainingStatus>(await http.GetAsync(TrainingPath(parse.GetValue(model)!), token), token));
            if (parse.GetValue(follow)) await FollowAsync(http, parse.GetValue(model)!, token);
        }, token));

        var stop = new Command("stop", "Stop a model's training after the batch in progress (resume later with train --resume).") { gateway, keyFile, model };
        stop.SetAction((parse, token) => WithGatewayAsync(parse.GetValue(gateway)!, parse.GetValue(keyFile),
            async http => Print(await ReadAsync<TrainingStatus>(await http.PostAsync(TrainingPath(parse.GetValue(model)!) + "/stop", null, token), token)), token));

        return new Command("models", "Operate the models of a running cluster (hot swap, training) through the gateway's operator API.") { swap, start, status, stop };
    }

    private static string TrainingPath(string model) => $"v1/operator/training/{Uri.EscapeDataString(model)}";

    private static async Task<int> WithGatewayAsync(string gateway, FileInfo? keyFile, Func<HttpClient, Task> work, CancellationToken token)
    {
        try
        {
            var key = keyFile is not null ? (await File.ReadAllTextAsync(keyFile.FullName, token)).Trim() : Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(key))
                throw new OperatorCallException(2, $"no operator key: set {KeyVariable} or pass --operator-key-file.");
            using var http = new HttpClient { BaseAddress = new Uri(gateway.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            await work(http);
            return 0;
        }
        catch (OperatorCallException error)
        {
            AnsiConsole.MarkupLine($"[red]refused[/]: {Markup.Escape(error.Message)}");
            return error.ExitCode;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or UriFormatException or TaskCanceledException)
        {
            AnsiConsole.MarkupLine($"[red]gateway call failed[/]: {Markup.Escape(error.Message)}");
            return 1;
        }
    }

    /// <summary>The answer's body, or a refusal carrying the problem's detail (2 for the caller's mistake, 1 otherwise).</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken token)
    {
        if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<T>(Json, token))!;
        var detail = await response.Content.ReadAsStringAsync(token);
        try
        {
            using var problem = JsonDocument.Parse(detail);
            if (problem.RootElement.TryGetProperty("detail", out var text)) detail = text.GetString() ?? detail;
        }
        catch (JsonException)
        {
        }
        throw new OperatorCallException((int)response.StatusCode < 500 ? 2 : 1, $"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
    }

    private static async Task FollowAsync(HttpClient http, string model, CancellationToken token)
    {
        var shown = -1;
        while (!token.IsCancellationRequested)
        {
            var status = await ReadAsync<TrainingStatus>(await http.GetAsync(TrainingPath(model), token), token);
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

    private sealed class OperatorCallException(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
