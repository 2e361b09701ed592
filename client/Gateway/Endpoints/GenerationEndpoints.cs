using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>POST /v1/users/{id}/music and /landscapes: generate through the user grain, answer with the bytes and the recipe id.</summary>
public static class GenerationEndpoints
{
    public static IEndpointRouteBuilder MapGenerationEndpoints(this IEndpointRouteBuilder routes)
    {
        var user = routes.MapGroup("/v1/users/{id}").RequireOwnKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Generation")
            .ProducesApiProblems().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        user.MapPost("/music", ComposeAsync).WithName("ComposeMusic")
            .WithSummary("Writes a piece of music (audio/midi, or audio/wav with ?format=wav or an Accept header preferring audio/wav); parameters left out come from the preferences.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Midi)
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Wav)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        user.MapPost("/landscapes", PaintAsync).WithName("PaintLandscape")
            .WithSummary("Paints a landscape (image/png); parameters left out come from the preferences.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypes.Png);
        return routes;
    }

    /// <remarks>The representation is chosen, and WAV checked to be possible, before anything is generated or recorded.</remarks>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ComposeAsync(
        string id, MusicOrder? order, string? format, HttpContext context, IGrainFactory grains, ModelNames models)
    {
        var (wav, refusal) = AudioNegotiation.Choose(context, format);
        if (refusal is not null) return refusal;
        if (ContentResults.RefuseSinging(context, wav, order?.Lyrics == true) is { } cannotSing) return cannotSing;
        models.RequireMusic(order?.Model);
        var content = await grains.GetGrain<IUserGrain>(id).ComposeMusicAsync(order ?? new MusicOrder());
        return ContentResults.Write(context, content, wav);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PaintAsync(
        string id, LandscapeOrder? order, HttpContext context, IGrainFactory grains, ModelNames models)
    {
        models.RequireLandscape(order?.Model);
        var content = await grains.GetGrain<IUserGrain>(id).PaintLandscapeAsync(order ?? new LandscapeOrder());
        return ContentResults.Write(context, content, wav: false);
    }
}
