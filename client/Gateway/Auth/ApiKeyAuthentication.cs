using CreativeGen.GrainInterfaces.Users;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Auth;

/// <summary>
/// Checks the API key (Authorization: Bearer KEY, or X-Api-Key: KEY) against the user grain's stored hash.
/// Missing or wrong key: 401. A valid key used on another user's resources: 403.
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

    /// <summary>The authenticated caller's user id (set by the filters below).</summary>
    public static string Caller(HttpContext context) => (string)context.Items[CallerItem]!;

    /// <summary>Requires a valid key of any user.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (invocation, next) =>
            await AuthenticateAsync(invocation.HttpContext) is { } failure ? failure : await next(invocation));

    /// <summary>Requires the key of the user named by the {id} route value.</summary>
    public static RouteGroupBuilder RequireOwnKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (await AuthenticateAsync(context) is { } failure) return failure;
            var routeUser = context.GetRouteValue("id") as string;
            return string.Equals(routeUser, Caller(context), StringComparison.Ordinal)
                ? await next(invocation)
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "This API key belongs to another user; it cannot access this user's resources.");
        });

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
}
