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
                var landscape = grains.GetGrain<ILandscapeModelGrain>(models.Landscape).DescribeAsync();
                var (m, l) = (await music, await landscape);
                return TypedResults.Ok(new ModelCatalog(
                    new MusicModelView(m.Name, m.Version, m.Composers, m.Device),
                    new LandscapeModelView(l.Name, l.Version, l.Categories, l.Resolution, l.Device)));
            })
            .WithName("GetModels")
            .WithSummary("The default models: their versions, the composers and categories requests may name, the image size, the device each computes on.");
        return routes;
    }
}

/// <summary>Answer to GET /v1/models.</summary>
public sealed record ModelCatalog(MusicModelView Music, LandscapeModelView Landscape);

/// <param name="Device">Where sampling computes (the C# row-exact sampler runs on the CPU whatever CREATIVEGEN_DEVICE says).</param>
public sealed record MusicModelView(string Name, string Version, string[] Composers, string Device);

/// <param name="Device">The torch device of the generator, e.g. "cpu" or "cuda:0" (CREATIVEGEN_DEVICE on the model host).</param>
public sealed record LandscapeModelView(string Name, string Version, string[] Categories, int Resolution, string Device);
