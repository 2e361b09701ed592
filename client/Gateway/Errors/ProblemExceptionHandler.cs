using System.Diagnostics;
using System.Text.Json;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace CreativeGen.Client.Gateway.Errors;

/// <summary>
/// Turns exceptions into problem-details answers: bad JSON and absurd parameters give 400 saying what is wrong, a body
/// over the limit 413, unknown recipes 404, recipes of unloaded model versions 410. A 4xx is the client's mistake, not
/// a failure: it is logged at Information, without a stack trace. A 5xx (an unreachable cluster or model: 503;
/// anything else: 500) tells the client nothing of the server, only a trace id; the exception is logged under that id.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string TraceIdExtension = "traceId";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        var status = problem.Status!.Value;
        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        problem.Extensions[TraceIdExtension] = traceId;
        if (status >= 500)
            logger.LogError(exception, "{Method} {Path} failed: {Status} (trace {TraceId})", context.Request.Method, context.Request.Path, status, traceId);
        else
            logger.LogInformation("{Method} {Path} refused: {Status} {Detail}", context.Request.Method, context.Request.Path, status, problem.Detail);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadHttpRequestException bad => Problem(bad.StatusCode, Explain(bad)),
        JsonException json => Problem(400, $"The JSON body is malformed: {json.Message}"),
        GenerationRequestException { Kind: GenerationErrorKind.InvalidRequest } invalid => Invalid(invalid),
        GenerationRequestException { Kind: GenerationErrorKind.NotFound } missing => Problem(404, missing.Message),
        GenerationRequestException { Kind: GenerationErrorKind.Gone } gone => Problem(410, gone.Message),
        GenerationRequestException or TimeoutException or OrleansException or SiloUnavailableException =>
            Problem(503, "The service cannot answer this request right now; try again later. Quote the trace id when reporting it."),
        _ => Problem(500, "An unexpected error occurred. Quote the trace id when reporting it."),
    };

    private static ProblemDetails Invalid(GenerationRequestException error) =>
        new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Parameter ?? "request"] = [error.Message] })
        {
            Status = 400,
            Title = "Invalid request",
            Detail = error.Message,
        };

    private static string Explain(BadHttpRequestException bad)
    {
        var root = bad.InnerException;
        return root is JsonException json ? $"{bad.Message} {json.Message}" : root is null ? bad.Message : $"{bad.Message} {root.Message}";
    }

    private static ProblemDetails Problem(int status, string detail) => new() { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = detail };
}
