using CreativeGen.Client.Gateway.Audio;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>Writes generated content: the bytes, the recipe id header, and WAV when asked for and available.</summary>
internal static class ContentResults
{
    public const string RecipeIdHeader = "X-Recipe-Id";

    public static bool WantsWav(HttpContext context, string? format) =>
        string.Equals(format, "wav", StringComparison.OrdinalIgnoreCase)
        || context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaTypes.Wav, StringComparison.OrdinalIgnoreCase));

    public static Results<FileContentHttpResult, ProblemHttpResult> Write(HttpContext context, GeneratedContent content, bool wav)
    {
        context.Response.Headers[RecipeIdHeader] = content.RecipeId;
        context.Response.Headers[HeaderNames.Location] = $"/v1/content/{content.RecipeId}";
        if (!wav || content.Recipe.Kind != ContentKind.Music) return TypedResults.File(content.Content, content.Recipe.MediaType);
        var renderer = context.RequestServices.GetRequiredService<IWavRenderer>();
        return renderer.IsAvailable
            ? TypedResults.File(renderer.Render(content.Content), MediaTypes.Wav)
            : TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "WAV not available",
                detail: $"This server cannot render audio/wav; ask for audio/midi. The piece was recorded as recipe {content.RecipeId}.");
    }
}
