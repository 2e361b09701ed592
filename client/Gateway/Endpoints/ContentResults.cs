using CreativeGen.Client.Gateway.Audio;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>Writes generated content: the bytes, the recipe id header, and WAV when chosen (<see cref="AudioNegotiation"/>).</summary>
internal static class ContentResults
{
    public const string RecipeIdHeader = "X-Recipe-Id";

    public static Results<FileContentHttpResult, ProblemHttpResult> Write(HttpContext context, GeneratedContent content, bool wav)
    {
        context.Response.Headers[RecipeIdHeader] = content.RecipeId;
        context.Response.Headers[HeaderNames.Location] = $"/v1/content/{content.RecipeId}";
        if (!wav || content.Recipe.Kind != ContentKind.Music) return TypedResults.File(content.Content, content.Recipe.MediaType);
        return TypedResults.File(context.RequestServices.GetRequiredService<IWavRenderer>().Render(content.Content), MediaTypes.Wav);
    }
}
