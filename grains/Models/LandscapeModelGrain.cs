using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Placement;
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
    ILogger<LandscapeModelGrain> logger)
    : BatchingModelGrain<ILandscapeGenerator, LandscapeRequest>(batching, role, silo, logger), ILandscapeModelGrain
{
    public async Task<LandscapeModelInfo> DescribeAsync() =>
        new(this.GetPrimaryKeyString(), Generator.ModelVersion, [.. Generator.Categories], Generator.Resolution, await Ready, SiloAddressText);

    public async Task<GeneratedBytes> GenerateAsync(LandscapeParameters parameters, long seed) =>
        new(Generator.ModelVersion, await EnqueueAsync(new LandscapeRequest(parameters.Category, seed, parameters.Truncation)));

    protected override ILandscapeGenerator Load(string modelName) => catalog.GetLandscape(modelName);

    protected override IReadOnlyList<byte[]> Run(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken) =>
        Generator.GeneratePng(requests, cancellationToken);

    protected override IReadOnlyList<LandscapeRequest> Probe(int size) =>
        [.. Enumerable.Range(0, size).Select(i => new LandscapeRequest(Generator.Categories[i % Generator.Categories.Count], i, 1.0))];
}
