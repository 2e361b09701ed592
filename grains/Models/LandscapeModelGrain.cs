using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Placement;
using CreativeGen.Grains.Telemetry;
using CreativeGen.Ml.Landscapes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CreativeGen.Grains.Models;

/// <summary>Holds one loaded landscape generator and batches concurrent requests into shared forward passes.</summary>
[Reentrant]
[ModelHostPlacementFilter]
public sealed class LandscapeModelGrain(
    IGeneratorCatalog catalog,
    IOptions<BatchingOptions> batching,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<LandscapeModelGrain> logger) : Grain, ILandscapeModelGrain
{
    private ILandscapeGenerator generator = null!;
    private DynamicBatcher<LandscapeRequest, byte[]> batcher = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, nameof(LandscapeModelGrain));
        var name = this.GetPrimaryKeyString();
        generator = catalog.GetLandscape(name);
        batcher = new DynamicBatcher<LandscapeRequest, byte[]>(name, (requests, token) => generator.GeneratePng(requests, token),
            token => BatchCalibrator.Resolve(batching.Value, name, size => generator.GeneratePng(Probe(size), token),
                probes => logger.LogInformation("Calibrated {Model}: {Probes}", name, string.Join(", ", probes.Select(p => $"{p.BatchSize}: {p.ItemsPerSecond:F1}/s"))),
                token));
        CreativeGenMetrics.GrainActivated(nameof(LandscapeModelGrain));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainDeactivated(nameof(LandscapeModelGrain));
        await batcher.DisposeAsync();
    }

    public async Task<LandscapeModelInfo> DescribeAsync() =>
        new(this.GetPrimaryKeyString(), generator.ModelVersion, [.. generator.Categories], generator.Resolution, await batcher.Ready, silo.SiloAddress.ToString());

    public async Task<GeneratedBytes> GenerateAsync(LandscapeParameters parameters, long seed)
    {
        var png = await batcher.EnqueueAsync(new LandscapeRequest(parameters.Category, seed, parameters.Truncation));
        return new GeneratedBytes(generator.ModelVersion, png);
    }

    private List<LandscapeRequest> Probe(int size) =>
        [.. Enumerable.Range(0, size).Select(i => new LandscapeRequest(generator.Categories[i % generator.Categories.Count], i, 1.0))];
}
