using System.Text.Json;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CreativeGen.Client.Gateway.Errors;

/// <summary>
/// Turns exceptions into problem-details answers that say what is wrong: bad JSON and absurd parameters
/// give 400, unknown recipes 404, recipes of unloaded model versions 410, an unreachable cluster 503.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status >= 500) logger.LogError(exception, "Request {Path} failed", context.Request.Path);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", Explain(bad)),
        JsonException json => Problem(400, "Bad request", $"The JSON body is malformed: {json.Message}"),
        GenerationRequestException { Kind: GenerationErrorKind.InvalidRequest } invalid => Invalid(invalid),
        GenerationRequestException { Kind: GenerationErrorKind.NotFound } missing => Problem(404, "Not found", missing.Message),
        GenerationRequestException { Kind: GenerationErrorKind.Gone } gone => Problem(410, "Gone", gone.Message),
        GenerationRequestException unavailable => Problem(503, "Unavailable", unavailable.Message),
        TimeoutException or OrleansException or SiloUnavailableException => Problem(503, "Unavailable", $"The cluster could not answer: {exception.Message}"),
        _ => Problem(500, "Internal error", "An unexpected error occurred; it has been logged."),
    };

    private static ProblemDetails Invalid(GenerationRequestException error)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Parameter ?? "request"] = [error.Message] })
        {
            Status = 400,
            Title = "Invalid request",
            Detail = error.Message,
        };
        return problem;
    }

    private static string Explain(BadHttpRequestException bad)
    {
        var root = bad.InnerException;
        return root is JsonException json ? $"{bad.Message} {json.Message}" : root is null ? bad.Message : $"{bad.Message} {root.Message}";
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
