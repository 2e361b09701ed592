using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>/v1/users: registration, preferences, ratings and history.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/users", CreateAsync)
            .RequireRateLimiting(GatewayApplication.RegistrationPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("CreateUser").WithSummary("Creates a user and returns its id and API key (shown once).").WithTags("Users");

        var user = routes.MapGroup("/v1/users/{id}").RequireOwnKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Users")
            .ProducesApiProblems();
        user.MapGet("/preferences", GetPreferencesAsync).WithName("GetPreferences").WithSummary("The user's music and landscape preferences.");
        user.MapPut("/preferences", SetPreferencesAsync).WithName("SetPreferences")
            .WithSummary("Replaces the preferences; composers and categories must be known to the models.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        user.MapPost("/ratings", RateAsync).WithName("Rate").WithSummary("Rates something the user received (1..5 stars).")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        user.MapGet("/history", GetHistoryAsync).WithName("GetHistory").WithSummary("What the user received, newest first, with ratings.");
        return routes;
    }

    private static async Task<Created<CreatedUser>> CreateAsync(IGrainFactory grains)
    {
        while (true)
        {
            var userId = ApiKeys.NewUserId();
            var key = ApiKeys.Create(userId);
            if (await grains.GetGrain<IUserGrain>(userId).RegisterAsync(ApiKeys.Hash(key)))
                return TypedResults.Created($"/v1/users/{userId}/preferences", new CreatedUser(userId, key));
        }
    }

    private static async Task<Ok<UserPreferences>> GetPreferencesAsync(string id, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).GetPreferencesAsync());

    private static async Task<Ok<UserPreferences>> SetPreferencesAsync(string id, UserPreferences preferences, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).SetPreferencesAsync(preferences));

    private static async Task<Ok<HistoryEntry>> RateAsync(string id, RatingRequest rating, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).RateAsync(RecipeIds.Require(rating.RecipeId), rating.Stars, rating.Comment));

    private static async Task<Ok<HistoryEntry[]>> GetHistoryAsync(string id, IGrainFactory grains, int limit = 50) =>
        TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).GetHistoryAsync(limit));
}
