using CreativeGen.Client.Gateway.Auth;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>POST /v1/users/{id}/music and /landscapes: generate through the user grain, answer with the bytes and the recipe id.</summary>
public static class GenerationEndpoints
{
    public static IEndpointRouteBuilder MapGenerationEndpoints(this IEndpointRouteBuilder routes)
    {
        var user = routes.MapGroup("/v1/users/{id}").RequireOwnKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Generation");
        user.MapPost("/music", ComposeAsync).WithName("ComposeMusic")
            .WithSummary("Writes a piece of music (audio/midi, or audio/wav with ?format=wav or Accept: audio/wav); parameters left out come from the preferences.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Midi);
        user.MapPost("/landscapes", PaintAsync).WithName("PaintLandscape")
            .WithSummary("Paints a landscape (image/png); parameters left out come from the preferences.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Png);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ComposeAsync(
        string id, MusicOrder? order, string? format, HttpContext context, IGrainFactory grains, ModelNames models)
    {
        models.RequireMusic(order?.Model);
        var content = await grains.GetGrain<IUserGrain>(id).ComposeMusicAsync(order ?? new MusicOrder());
        return ContentResults.Write(context, content, ContentResults.WantsWav(context, format));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PaintAsync(
        string id, LandscapeOrder? order, HttpContext context, IGrainFactory grains, ModelNames models)
    {
        models.RequireLandscape(order?.Model);
        var content = await grains.GetGrain<IUserGrain>(id).PaintLandscapeAsync(order ?? new LandscapeOrder());
        return ContentResults.Write(context, content, wav: false);
    }
}
