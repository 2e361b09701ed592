using CreativeGen.Client.Gateway.Auth;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>GET /v1/content/{recipeId}: regenerates content from its recipe (only for users who received it).</summary>
public static class ContentEndpoints
{
    public static IEndpointRouteBuilder MapContentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/content").RequireApiKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Content")
            .MapGet("/{recipeId}", GetAsync).WithName("GetContent")
            .WithSummary("The same bytes again, regenerated from the recipe (generation is deterministic).");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(string recipeId, string? format, HttpContext context, IGrainFactory grains)
    {
        var recipe = grains.GetGrain<IRecipeGrain>(RecipeIds.Require(recipeId));
        var record = await recipe.GetAsync();
        if (record is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No recipe {recipeId}.");
        if (!record.Recipients.Contains(ApiKeyAuthentication.Caller(context)))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Recipe {recipeId} was made for another user.");
        return ContentResults.Write(context, await recipe.RenderAsync(), ContentResults.WantsWav(context, format));
    }
}
