using CreativeGen.Client.Gateway.Audio;
using CreativeGen.GrainInterfaces.Content;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>
/// Chooses between the two representations of a piece, MIDI (the default) and WAV, before anything is generated or
/// recorded: <c>?format=midi|wav</c> decides when given (anything else is a 400 naming <c>format</c>); otherwise the
/// Accept header does, with its quality values: WAV only when audio/wav is acceptable (q &gt; 0) and preferred to
/// audio/midi; MIDI unless audio/midi is refused (q=0); 406 when both are refused. An Accept that names neither (e.g.
/// application/json) gets MIDI. WAV also needs a synthesizer on this server: without one, 406.
/// </summary>
internal static class AudioNegotiation
{
    public const string Midi = "midi";
    public const string Wav = "wav";

    /// <summary>The values <c>?format=</c> may take.</summary>
    public static readonly string[] Formats = [Midi, Wav];

    /// <summary>True for WAV, false for MIDI, or the problem that answers the request instead.</summary>
    public static (bool Wav, ProblemHttpResult? Refusal) Choose(HttpContext context, string? format)
    {
        if (format is not null)
            return CheckFormat(format) is { } invalid ? (false, invalid) : Feasible(context, string.Equals(format, Wav, StringComparison.OrdinalIgnoreCase));
        var ranges = MediaTypeHeaderValue.TryParseList(context.Request.Headers.Accept, out var parsed) ? parsed : [];
        var (wav, midi) = (Quality(ranges, MediaTypes.Wav), Quality(ranges, MediaTypes.Midi));
        if (wav > 0 && (midi is null || wav > midi)) return Feasible(context, wav: true);
        if (midi is null or > 0) return (false, null);
        return (false, TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
            detail: $"The Accept header refuses both {MediaTypes.Midi} and {MediaTypes.Wav}, the only media types a piece of music comes in."));
    }

    /// <summary>A 400 naming <c>format</c> unless it is one of <see cref="Formats"/>; null when it is fine (or absent).</summary>
    public static ProblemHttpResult? CheckFormat(string? format)
    {
        if (format is null || Formats.Contains(format, StringComparer.OrdinalIgnoreCase)) return null;
        var message = $"format must be one of: {string.Join(", ", Formats)}.";
        return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(new Dictionary<string, string[]> { ["format"] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = message,
        });
    }

    private static (bool Wav, ProblemHttpResult? Refusal) Feasible(HttpContext context, bool wav) =>
        !wav || context.RequestServices.GetRequiredService<IWavRenderer>().IsAvailable
            ? (wav, null)
            : (true, TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "WAV not available",
                detail: $"This server cannot render {MediaTypes.Wav}; ask for {MediaTypes.Midi} (leave out ?format=wav). Nothing was generated or recorded."));

    /// <summary>The quality the most specific matching range gives <paramref name="mediaType"/>; null when no range matches.</summary>
    private static double? Quality(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var type = new MediaTypeHeaderValue(mediaType);
        double? quality = null;
        var best = -1;
        foreach (var range in ranges)
        {
            var specificity = range.MatchesAllTypes ? 0
                : !range.Type.Equals(type.Type, StringComparison.OrdinalIgnoreCase) ? -1
                : range.MatchesAllSubTypes ? 1
                : range.SubType.Equals(type.SubType, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (specificity <= best) continue;
            (best, quality) = (specificity, range.Quality ?? 1.0);
        }
        return quality;
    }
}
