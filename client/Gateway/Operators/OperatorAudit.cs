namespace CreativeGen.Client.Gateway.Operators;

/// <summary>
/// One log line per operator action and per refused attempt, in the category "CreativeGen.Audit": who (the key's id,
/// never the key), from where, what, on which model, and how it ended.
/// </summary>
public sealed class OperatorAudit(ILoggerFactory loggers)
{
    public const string Category = "CreativeGen.Audit";
    private readonly ILogger logger = loggers.CreateLogger(Category);

    public void Refused(HttpContext context, string reason) =>
        logger.LogWarning("audit: refused {Method} {Path} from {Address}: {Reason}",
            context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress, reason);

    /// <summary>Runs <paramref name="action"/> and logs its outcome (done, or the error's type and message) with the caller.</summary>
    public async Task<T> RecordAsync<T>(HttpContext context, string action, string target, string details, Func<Task<T>> work)
    {
        var keyId = OperatorAuthentication.Operator(context);
        try
        {
            var result = await work();
            logger.LogInformation("audit: {Operator} from {Address} {Action} {Target} ({Details}): done",
                keyId, context.Connection.RemoteIpAddress, action, target, details);
            return result;
        }
        catch (Exception error)
        {
            logger.LogWarning("audit: {Operator} from {Address} {Action} {Target} ({Details}): failed, {Error}: {Message}",
                keyId, context.Connection.RemoteIpAddress, action, target, details, error.GetType().Name, error.Message);
            throw;
        }
    }
}
