using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.Client.Gateway.Lyrics;
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
        routes.MapGroup("/v1/content").RequireApiKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Content").ProducesApiProblems()
            .MapGet("/{recipeId}/lyrics", GetLyricsAsync).WithName("GetLyrics")
            .WithSummary("The words of a song made with lyrics: true, as text, LRC and lines timed syllable by syllable (regenerated from the recipe).")
            .Produces<LyricsDocument>()
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
            if (ContentResults.RefuseSinging(context, wav, record.Recipe.Music?.Lyrics is not null) is { } cannotSing) return cannotSing;
        }
        return ContentResults.Write(context, await recipe.RenderAsync(), wav);
    }

    private static async Task<Results<Ok<LyricsDocument>, ProblemHttpResult>> GetLyricsAsync(string recipeId, HttpContext context, IGrainFactory grains, GatewayLyrics lyrics)
    {
        var recipe = grains.GetGrain<IRecipeGrain>(RecipeIds.Require(recipeId));
        var record = await recipe.GetAsync();
        if (record is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No recipe {recipeId}.");
        if (!record.Recipients.Contains(ApiKeyAuthentication.Caller(context)))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Recipe {recipeId} was made for another user.");
        if (record.Recipe.Music?.Lyrics is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No lyrics", detail: $"Recipe {recipeId} was made without words (ask for music with \"lyrics\": true).");
        var content = await recipe.RenderAsync();
        return TypedResults.Ok(LyricsDocument.From(recipeId, lyrics.Add(content)));
    }
}
