using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Operators;

/// <summary>
/// /v1/operator: hot-swap a model and start, watch or stop a training run, for holders of the operator key only.
/// Each action is audited (<see cref="OperatorAudit"/>). `creativegen models ...` is its client.
/// </summary>
public static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/operator").RequireOperatorKey().WithTags("Operator").ProducesApiProblems();
        group.MapPost("/models/{kind}/{model}/swap", SwapAsync).WithName("SwapModel")
            .WithSummary("Serve another version of a model (null or 'default': its own file), without failing a request.");
        group.MapPost("/training/{model}", StartTrainingAsync).WithName("StartTraining")
            .WithSummary("Train a music model on a model-host silo; each improved epoch is published and swapped in.");
        group.MapGet("/training/{model}", GetTrainingAsync).WithName("GetTraining").WithSummary("Where a model's training stands.");
        group.MapPost("/training/{model}/stop", StopTrainingAsync).WithName("StopTraining")
            .WithSummary("Stop a model's training after the batch in progress; a start with resume continues it.");
        group.MapOperatorClusterView();
        return routes;
    }

    private static async Task<Ok<SwapResult>> SwapAsync(string kind, string model, SwapRequest request, IGrainFactory grains, OperatorAudit audit, HttpContext context)
    {
        var version = request.Version is null or "default" ? null : request.Version;
        return TypedResults.Ok(await audit.RecordAsync(context, "swap", $"{kind}/{model}", $"version {version ?? "default"}", async () => kind switch
        {
            "music" => new SwapResult(model, (await grains.GetGrain<IMusicModelGrain>(model).SwapAsync(version)).Version),
            "landscape" => new SwapResult(model, (await grains.GetGrain<ILandscapeModelGrain>(model).SwapAsync(version)).Version),
            _ => throw GenerationRequestException.Invalid("kind", $"kind must be music or landscape (got '{kind}')."),
        }));
    }

    private static async Task<Ok<TrainingStatus>> StartTrainingAsync(string model, MusicTrainingJob job, IGrainFactory grains, OperatorAudit audit, HttpContext context) =>
        TypedResults.Ok(await audit.RecordAsync(context, "train", $"music/{model}",
            $"{job.Epochs} epochs, run {job.RunFolder}, data {job.TrainFolder}{(job.Resume ? ", resume" : "")}",
            () => grains.GetGrain<ITrainingCoordinatorGrain>(model).StartAsync(job)));

    private static async Task<Ok<TrainingStatus>> GetTrainingAsync(string model, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITrainingCoordinatorGrain>(model).GetStatusAsync());

    private static async Task<Ok<TrainingStatus>> StopTrainingAsync(string model, IGrainFactory grains, OperatorAudit audit, HttpContext context) =>
        TypedResults.Ok(await audit.RecordAsync(context, "stop", $"music/{model}", "training", () => grains.GetGrain<ITrainingCoordinatorGrain>(model).StopAsync()));
}

/// <param name="Version">A version id in the model's archive; null or "default": the model's own file.</param>
public sealed record SwapRequest(string? Version);

public sealed record SwapResult(string Model, string Version);
