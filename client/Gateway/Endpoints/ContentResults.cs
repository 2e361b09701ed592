using CreativeGen.Client.Gateway.Audio;
using CreativeGen.Client.Gateway.Lyrics;
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
        if (content.Recipe.Music?.Lyrics is not null)
        {
            // Words go on the melody (MIDI lyric events); WAV sings them over the accompaniment.
            var lyrics = context.RequestServices.GetRequiredService<GatewayLyrics>();
            var song = lyrics.Add(content);
            context.Response.Headers[HeaderNames.Link] = $"</v1/content/{content.RecipeId}/lyrics>; rel=\"lyrics\"";
            if (!wav) return TypedResults.File(song.Midi, MediaTypes.Midi);
            var accompaniment = context.RequestServices.GetRequiredService<IWavRenderer>().Render(content.Content);
            return TypedResults.File(lyrics.Sing(song, accompaniment), MediaTypes.Wav);
        }
        if (!wav || content.Recipe.Kind != ContentKind.Music) return TypedResults.File(content.Content, content.Recipe.MediaType);
        return TypedResults.File(context.RequestServices.GetRequiredService<IWavRenderer>().Render(content.Content), MediaTypes.Wav);
    }

    /// <summary>406 when sung WAV is asked for and Festival is missing (checked before anything is generated); else null.</summary>
    public static ProblemHttpResult? RefuseSinging(HttpContext context, bool wav, bool lyrics) =>
        wav && lyrics && !context.RequestServices.GetRequiredService<GatewayLyrics>().CanSing
            ? TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Singing not available",
                detail: "This server has no Festival (text2wave) to sing the words; ask for audio/midi, whose lyric events carry them. Nothing was generated or recorded.")
            : null;
}
