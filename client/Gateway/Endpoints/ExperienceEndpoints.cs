using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.GrainInterfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>/v1/users/{id}/experiences: one wish → a picture and a song matched to it; their parts regenerate through /v1/content.</summary>
public static class ExperienceEndpoints
{
    public static IEndpointRouteBuilder MapExperienceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/users/{id}/experiences").RequireOwnKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy)
            .WithTags("Experiences").ProducesApiProblems();
        group.MapPost("", CreateAsync).WithName("CreateExperience")
            .WithSummary("Paints a landscape and composes a song that suits it (optional theme, mood and seed); returns the experience and its parts.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("", ListAsync).WithName("GetExperiences").WithSummary("The user's experiences, newest first.");
        group.MapGet("/{experienceId}", GetAsync).WithName("GetExperience").WithSummary("One experience: its parts' recipes and where to fetch them.");
        group.MapPut("/{experienceId}/rating", RateAsync).WithName("RateExperience")
            .WithSummary("Rates the experience as a whole (1..5 stars); ratings steer how the next experiences are matched.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return routes;
    }

    private static async Task<Created<ExperienceView>> CreateAsync(string id, ExperienceOrder? order, IGrainFactory grains)
    {
        var entry = await grains.GetGrain<IUserGrain>(id).CreateExperienceAsync(order ?? new ExperienceOrder());
        return TypedResults.Created($"/v1/users/{id}/experiences/{entry.Id}", ExperienceView.Of(entry));
    }

    private static async Task<Ok<ExperienceView[]>> ListAsync(string id, IGrainFactory grains, int limit = 20) =>
        TypedResults.Ok((await grains.GetGrain<IUserGrain>(id).GetExperiencesAsync(limit)).Select(ExperienceView.Of).ToArray());

    private static async Task<Results<Ok<ExperienceView>, ProblemHttpResult>> GetAsync(string id, string experienceId, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(id).GetExperienceAsync(RequireId(experienceId)) is { } entry
            ? TypedResults.Ok(ExperienceView.Of(entry))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No experience {experienceId} for this user.");

    private static async Task<Ok<ExperienceView>> RateAsync(string id, string experienceId, ExperienceRating rating, IGrainFactory grains) =>
        TypedResults.Ok(ExperienceView.Of(await grains.GetGrain<IUserGrain>(id).RateExperienceAsync(RequireId(experienceId), rating.Stars)));

    private static string RequireId(string experienceId) =>
        ExperienceRecipe.IsWellFormedId(experienceId)
            ? experienceId
            : throw GenerationRequestException.Invalid("experienceId", "experienceId must look like exp_ followed by 24 hex digits (as returned by POST .../experiences).");
}

/// <summary>Body of PUT /v1/users/{id}/experiences/{experienceId}/rating.</summary>
public sealed record ExperienceRating(int Stars);

/// <summary>An experience as the API shows it: the wish, how it was matched, and each part with the URL that regenerates it.</summary>
/// <param name="Lyrics">Null until a lyrics model is served (see <see cref="LyricsView"/>).</param>
public sealed record ExperienceView(
    string ExperienceId, string? Theme, string? Mood, long Seed, ExperienceMatch Match,
    PartView Picture, PartView Song, LyricsView? Lyrics, int? Rating, DateTimeOffset CreatedAt)
{
    public static ExperienceView Of(ExperienceEntry entry)
    {
        var recipe = entry.Recipe;
        return new ExperienceView(entry.Id, recipe.Theme, recipe.Mood, recipe.Seed, recipe.Match,
            PartView.Of(recipe.Picture), PartView.Of(recipe.Song), LyricsView.Of(recipe), entry.Rating, entry.CreatedAt);
    }
}

/// <summary>One part: its recipe, the URL that regenerates its bytes, and for music the WAV URL.</summary>
public sealed record PartView(string RecipeId, string Url, string? WavUrl, Recipe Recipe)
{
    public static PartView Of(Recipe recipe)
    {
        var url = $"/v1/content/{recipe.Id}";
        return new PartView(recipe.Id, url, recipe.Kind == ContentKind.Music ? url + "?format=wav" : null, recipe);
    }
}

/// <summary>
/// Where the song's words are: the song recipe's lyrics resource (JSON with text, LRC and timed syllables), whose LRC
/// the studio page highlights in time as the song plays. Present when the experience has a lyrics part
/// (<see cref="ExperienceRecipe.Lyrics"/>); experiences made before songs were sung have none.
/// </summary>
public sealed record LyricsView(string RecipeId, string Url)
{
    public static LyricsView? Of(ExperienceRecipe recipe) =>
        recipe.Lyrics is { } lyrics ? new LyricsView(lyrics.RecipeId, $"/v1/content/{lyrics.RecipeId}/lyrics") : null;
}
