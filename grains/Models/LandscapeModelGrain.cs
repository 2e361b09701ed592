using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CreativeGen.Grains.Models;

/// <summary>Holds one loaded landscape generator and batches concurrent requests into shared forward passes.</summary>
[Reentrant]
[ModelHostPlacementFilter]
public sealed class LandscapeModelGrain(
    [PersistentState("model-deployment", StorageNames.Default)] IPersistentState<ModelDeploymentState> deployment,
    IGeneratorCatalog catalog,
    IOptions<BatchingOptions> batching,
    IOptions<DefaultModelNames> models,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<LandscapeModelGrain> logger)
    : BatchingModelGrain<ILandscapeGenerator, LandscapeRequest>(deployment, batching, models, role, silo, logger), ILandscapeModelGrain
{
    public async Task<LandscapeModelInfo> DescribeAsync()
    {
        var serving = Current;
        var generator = serving.Generator;
        return new(ModelName, generator.ModelVersion, [.. generator.Categories], generator.Resolution, await serving.Batcher.Ready, SiloAddressText, TorchDevice.Name);
    }

    public Task<GeneratedBytes> GenerateAsync(LandscapeParameters parameters, long seed) =>
        RunRequestAsync(new LandscapeRequest(parameters.Category, seed, parameters.Truncation));

    public async Task<LandscapeModelInfo> SwapAsync(string? version)
    {
        await SwapToAsync(version);
        foreach (var sibling in SiblingKeys()) await GrainFactory.GetGrain<ILandscapeModelGrain>(sibling).SwapReplicaAsync(version);
        return await DescribeAsync();
    }

    public async Task<LandscapeModelInfo> SwapReplicaAsync(string? version)
    {
        await SwapToAsync(version);
        return await DescribeAsync();
    }

    protected override ModelLease<ILandscapeGenerator> Lease(string modelKey) => catalog.LeaseLandscape(modelKey);

    protected override string VersionOf(ILandscapeGenerator generator) => generator.ModelVersion;

    protected override IReadOnlyList<byte[]> Run(ILandscapeGenerator generator, IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken) =>
        generator.GeneratePng(requests, cancellationToken);

    protected override IReadOnlyList<LandscapeRequest> Probe(ILandscapeGenerator generator, int size) =>
        [.. Enumerable.Range(0, size).Select(i => new LandscapeRequest(generator.Categories[i % generator.Categories.Count], i, 1.0))];
}
