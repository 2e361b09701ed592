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
                    new MusicModelView(m.Name, m.Version, m.Composers),
                    new LandscapeModelView(l.Name, l.Version, l.Categories, l.Resolution)));
            })
            .WithName("GetModels")
            .WithSummary("The default models: their versions, the composers and categories requests may name, the image size.");
        return routes;
    }
}

/// <summary>Answer to GET /v1/models.</summary>
public sealed record ModelCatalog(MusicModelView Music, LandscapeModelView Landscape);

public sealed record MusicModelView(string Name, string Version, string[] Composers);

public sealed record LandscapeModelView(string Name, string Version, string[] Categories, int Resolution);
