using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CreativeGen.Client.Gateway.Studio;

/// <summary>
/// The studio: a plain HTML/CSS/JS page at <c>/</c> and its files under <c>/studio/</c>, embedded in this assembly
/// (client/Gateway/Studio/site, see the csproj), so the gateway serves it wherever it runs, with no toolchain, CDN or
/// file beside the binary. Files are read once; each answer carries a strong ETag, so browsers revalidate cheaply.
/// </summary>
public static class StudioPage
{
    private const string ResourcePrefix = "studio/";

    /// <summary>
    /// Everything the page loads comes from this origin; pictures and audio may also be blob: URLs (the page fetches
    /// content with the API key, which an img or audio element cannot send).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self' blob:; img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    private static readonly Dictionary<string, StudioFile> Files = Load();

    public static IEndpointRouteBuilder MapStudio(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription();
        routes.MapGet("/studio/{*file}", (string file, HttpContext context) => Serve(context, file)).ExcludeFromDescription();
        return routes;
    }

    /// <summary>The names of the embedded files (for tests and diagnostics).</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Keys;

    private static IResult Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The studio has no file '{Shorten(name)}'.");
        var headers = context.Response.Headers;
        headers[HeaderNames.CacheControl] = "no-cache"; // revalidate every time: a new gateway build serves new files at once
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Bytes(file.Bytes, file.ContentType, entityTag: file.ETag);
    }

    private static Dictionary<string, StudioFile> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, StudioFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
            files[resource[ResourcePrefix.Length..]] = new StudioFile(bytes, ContentTypeOf(resource), etag);
        }
        return files;
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private sealed record StudioFile(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
}
