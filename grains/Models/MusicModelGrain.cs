using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CreativeGen.Grains.Models;

/// <summary>Holds one loaded music model and batches concurrent requests into shared forward passes.</summary>
[Reentrant]
[ModelHostPlacementFilter]
public sealed class MusicModelGrain(
    [PersistentState("model-deployment", StorageNames.Default)] IPersistentState<ModelDeploymentState> deployment,
    IGeneratorCatalog catalog,
    IOptions<BatchingOptions> batching,
    IOptions<DefaultModelNames> models,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<MusicModelGrain> logger)
    : BatchingModelGrain<IMusicGenerator, MusicRequest>(deployment, batching, models, role, silo, logger), IMusicModelGrain
{
    public async Task<MusicModelInfo> DescribeAsync()
    {
        var serving = Current;
        return new(ModelName, serving.Generator.ModelVersion, [.. serving.Generator.Composers], await serving.Batcher.Ready, SiloAddressText, MusicGenerator.SamplingDevice);
    }

    public Task<GeneratedBytes> GenerateAsync(MusicParameters parameters, long seed) =>
        RunRequestAsync(new MusicRequest(parameters.Composer, parameters.LengthSeconds, parameters.Temperature, parameters.TopK, parameters.TopP, seed, parameters.TempoBpm,
            parameters.Key, parameters.Chords, parameters.Instruments));

    public async Task<MusicModelInfo> SwapAsync(string? version)
    {
        await SwapToAsync(version);
        foreach (var sibling in SiblingKeys()) await GrainFactory.GetGrain<IMusicModelGrain>(sibling).SwapReplicaAsync(version);
        return await DescribeAsync();
    }

    public async Task<MusicModelInfo> SwapReplicaAsync(string? version)
    {
        await SwapToAsync(version);
        return await DescribeAsync();
    }

    protected override ModelLease<IMusicGenerator> Lease(string modelKey) => catalog.LeaseMusic(modelKey);

    protected override string VersionOf(IMusicGenerator generator) => generator.ModelVersion;

    /// <summary>Continuous batching where the generator supports it and it is not switched off; window batching otherwise.</summary>
    protected override IRequestBatcher<MusicRequest, byte[]> CreateBatcher(IMusicGenerator generator, string modelName, Func<CancellationToken, BatchLimits> resolveLimits) =>
        Batching.ContinuousMusic && generator is IContinuousMusicGenerator continuous
            ? new ContinuousMusicBatcher(modelName, continuous, resolveLimits)
            : base.CreateBatcher(generator, modelName, resolveLimits);

    protected override IReadOnlyList<byte[]> Run(IMusicGenerator generator, IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken) =>
        generator.GenerateMidi(requests, cancellationToken);

    protected override IReadOnlyList<MusicRequest> Probe(IMusicGenerator generator, int size) =>
        [.. Enumerable.Range(0, size).Select(i => new MusicRequest(null, Batching.CalibrationMusicSeconds, 1.0, null, null, i))];
}
