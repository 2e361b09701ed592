using CreativeGen.Client.Gateway.Auth;
using CreativeGen.Client.Gateway.Errors;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>GET /v1/models: what a front end may offer (composers, categories) and the versions serving now.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes, DefaultModelNames models)
    {
        routes.MapGroup("/v1/models").RequireApiKey().RequireRateLimiting(GatewayApplication.PerKeyPolicy).WithTags("Models").ProducesApiProblems()
            .MapGet("", async (IGrainFactory grains) =>
            {
                // Describing a model loads it if needed; both in parallel.
                var music = grains.GetGrain<IMusicModelGrain>(models.Music).DescribeAsync();
                var pop = grains.GetGrain<IMusicModelGrain>(models.Pop).DescribeAsync();
                var landscape = grains.GetGrain<ILandscapeModelGrain>(models.Landscape).DescribeAsync();
                var (m, p, l) = (await music, await pop, await landscape);
                return TypedResults.Ok(new ModelCatalog(
                    new MusicModelView(m.Name, m.Version, m.Composers, m.Device),
                    new LandscapeModelView(l.Name, l.Version, l.Categories, l.Resolution, l.Device),
                    new MusicModelView(p.Name, p.Version, p.Composers, p.Device),
                    MusicOptions.Current));
            })
            .WithName("GetModels")
            .WithSummary("The default models: their versions, the composers and categories requests may name, the image size, the device each computes on, and the music styles, keys, instruments and tempo range.");
        return routes;
    }
}

/// <summary>Answer to GET /v1/models.</summary>
public sealed record ModelCatalog(MusicModelView Music, LandscapeModelView Landscape, MusicModelView Pop, MusicOptions MusicOptions);

/// <summary>
/// What music requests and preferences may name besides composers: styles (folk is listed but has no model yet and is
/// refused), keys (pop), GM instruments (per track; pop: melody, bridge, accompaniment) and the tempo range.
/// </summary>
public sealed record MusicOptions(string[] Styles, string[] StylesWithModels, string[] Keys, string[] Instruments, double MinTempoBpm, double MaxTempoBpm)
{
    public static MusicOptions Current { get; } = new(
        [.. CreativeGen.Ml.Music.MusicStyles.All],
        [CreativeGen.Ml.Music.MusicStyles.Piano, CreativeGen.Ml.Music.MusicStyles.Pop],
        [.. Enumerable.Range(0, 24).Select(i => CreativeGen.Ml.Music.Pop.MusicKey.FromIndex(i).ToString())],
        [.. CreativeGen.Ml.Music.Midi.GmInstruments.Names],
        CreativeGen.Grains.Users.ParameterLimits.MinTempoBpm,
        CreativeGen.Grains.Users.ParameterLimits.MaxTempoBpm);
}

/// <param name="Device">Where sampling computes (the C# row-exact sampler runs on the CPU whatever CREATIVEGEN_DEVICE says).</param>
public sealed record MusicModelView(string Name, string Version, string[] Composers, string Device);

/// <param name="Device">The torch device of the generator, e.g. "cpu" or "cuda:0" (CREATIVEGEN_DEVICE on the model host).</param>
public sealed record LandscapeModelView(string Name, string Version, string[] Categories, int Resolution, string Device);
