using CreativeGen.Client.Gateway.Auth;

namespace CreativeGen.Client.Gateway.Operators;

/// <summary>
/// Guards the operator routes (<see cref="RequireOperatorKey"/>) with the operator key (Authorization: Bearer KEY or
/// X-Operator-Key: KEY), as middleware before the body is read. A refusal is audited like an action.
/// </summary>
public static class OperatorAuthentication
{
    public const string OperatorKeyHeader = "X-Operator-Key";
    private const string OperatorItem = "creativegen.operator";

    /// <summary>The id of the operator key the request carried (set by the middleware).</summary>
    public static string Operator(HttpContext context) => (string)context.Items[OperatorItem]!;

    public static RouteGroupBuilder RequireOperatorKey(this RouteGroupBuilder group) => group.WithMetadata(new OperatorKeyRequirement());

    public static IApplicationBuilder UseOperatorAuthentication(this IApplicationBuilder app, OperatorOptions options) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<OperatorKeyRequirement>() is null)
            {
                await next(context);
                return;
            }
            var presented = context.Request.Headers[OperatorKeyHeader].ToString() is { Length: > 0 } header ? header.Trim() : ApiKeyAuthentication.ReadKey(context);
            var keyId = presented is null || !options.Enabled ? null : options.Match(presented);
            if (keyId is null)
            {
                var audit = context.RequestServices.GetRequiredService<OperatorAudit>();
                var reason = !options.Enabled ? "the operator API has no key configured" : presented is null ? "no operator key" : "wrong operator key";
                audit.Refused(context, reason);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                    detail: options.Enabled
                        ? $"Operator actions need the operator key ('Authorization: Bearer <key>' or {OperatorKeyHeader})."
                        : $"The operator API is off: no key is configured ({OperatorOptions.Section}:Keys).").ExecuteAsync(context);
                return;
            }
            context.Items[OperatorItem] = keyId;
            await next(context);
        });

    private sealed record OperatorKeyRequirement;
}
