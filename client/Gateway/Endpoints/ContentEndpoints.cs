using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>GET /v1/content/{recipeId}: regenerates content from its recipe (only for users who received it).</summary>
public static class ContentEndpoints
{
    public static IEndpointRouteBuilder MapContentEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/content").RequireApiKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Content").ProducesApiProblems()
            .MapGet("/{recipeId}", GetAsync).WithName("GetContent")
            .WithSummary("The same bytes again, regenerated from the recipe (generation is deterministic); music as audio/midi, or audio/wav as for POST .../music.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Midi)
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Wav)
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Png)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status410Gone);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(string recipeId, string? format, HttpContext context, IGrainFactory grains)
    {
        if (AudioNegotiation.CheckFormat(format) is { } invalid) return invalid;
        var recipe = grains.GetGrain<IRecipeGrain>(RecipeIds.Require(recipeId));
        var record = await recipe.GetAsync();
        if (record is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No recipe {recipeId}.");
        if (!record.Recipients.Contains(ApiKeyAuthentication.Caller(context)))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Recipe {recipeId} was made for another user.");
        var wav = false;
        if (record.Recipe.Kind == ContentKind.Music)
        {
            (wav, var refusal) = AudioNegotiation.Choose(context, format);
            if (refusal is not null) return refusal;
        }
        return ContentResults.Write(context, await recipe.RenderAsync(), wav);
    }
}
