using CreativeGen.GrainInterfaces.Users;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Auth;

/// <summary>
/// Checks the API key (Authorization: Bearer KEY, or X-Api-Key: KEY) against the user grain's stored hash.
/// Missing or wrong key: 401. A valid key used on another user's resources: 403.
/// <para>
/// Routes declare what they need (<see cref="RequireApiKey"/>, <see cref="RequireOwnKey"/>); the check runs as
/// middleware (<see cref="UseApiKeyAuthentication"/>), after the per-address rate limit and before the endpoint, so a
/// request without a valid key is refused before its body is read, let alone parsed.
/// </para>
/// </summary>
public static class ApiKeyAuthentication
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string CallerItem = "creativegen.caller";

    /// <summary>The key as sent, or null.</summary>
    public static string? ReadKey(HttpContext context)
    {
        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        return context.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key ? key.Trim() : null;
    }

    /// <summary>The authenticated caller's user id (set by the middleware below).</summary>
    public static string Caller(HttpContext context) => (string)context.Items[CallerItem]!;

    /// <summary>Requires a valid key of any user.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group) => group.WithMetadata(new ApiKeyRequirement(OwnUser: false));

    /// <summary>Requires the key of the user named by the {id} route value.</summary>
    public static RouteGroupBuilder RequireOwnKey(this RouteGroupBuilder group) => group.WithMetadata(new ApiKeyRequirement(OwnUser: true));

    /// <summary>Refuses requests to routes that require a key, unless they carry the right one; call it after UseRateLimiter.</summary>
    public static IApplicationBuilder UseApiKeyAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequirement>() is { } requirement
                && await RefuseAsync(context, requirement) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static async Task<IResult?> RefuseAsync(HttpContext context, ApiKeyRequirement requirement)
    {
        if (await AuthenticateAsync(context) is { } failure) return failure;
        if (!requirement.OwnUser || string.Equals(context.GetRouteValue("id") as string, Caller(context), StringComparison.Ordinal)) return null;
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This API key belongs to another user; it cannot access this user's resources.");
    }

    private static async Task<IResult?> AuthenticateAsync(HttpContext context)
    {
        var key = ReadKey(context);
        if (key is null) return Unauthorized(context, "No API key. Send 'Authorization: Bearer <key>' (or an X-Api-Key header); POST /v1/users issues one.");
        var userId = ApiKeys.ClaimedUserId(key);
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        if (userId is null || !await grains.GetGrain<IUserGrain>(userId).AuthenticateAsync(ApiKeys.Hash(key)))
            return Unauthorized(context, "The API key is not valid.");
        context.Items[CallerItem] = userId;
        return null;
    }

    private static IResult Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);
    }

    /// <summary>Endpoint metadata: this route needs a key, and with <see cref="OwnUser"/> the key of the {id} user.</summary>
    private sealed record ApiKeyRequirement(bool OwnUser);
}
