using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Placement;
using CreativeGen.Ml.Music;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CreativeGen.Grains.Models;

/// <summary>Holds one loaded music model and batches concurrent requests into shared forward passes.</summary>
[Reentrant]
[ModelHostPlacementFilter]
public sealed class MusicModelGrain(
    IGeneratorCatalog catalog,
    IOptions<BatchingOptions> batching,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger<MusicModelGrain> logger)
    : BatchingModelGrain<IMusicGenerator, MusicRequest>(batching, role, silo, logger), IMusicModelGrain
{
    public async Task<MusicModelInfo> DescribeAsync() =>
        new(this.GetPrimaryKeyString(), Generator.ModelVersion, [.. Generator.Composers], await Ready, SiloAddressText);

    public async Task<GeneratedBytes> GenerateAsync(MusicParameters parameters, long seed)
    {
        var request = new MusicRequest(parameters.Composer, parameters.LengthSeconds, parameters.Temperature, parameters.TopK, parameters.TopP, seed, parameters.TempoBpm);
        return new GeneratedBytes(Generator.ModelVersion, await EnqueueAsync(request));
    }

    protected override IMusicGenerator Load(string modelName) => catalog.GetMusic(modelName);

    /// <summary>Continuous batching where the generator supports it and it is not switched off; window batching otherwise.</summary>
    protected override IRequestBatcher<MusicRequest, byte[]> CreateBatcher(string modelName, Func<CancellationToken, BatchLimits> resolveLimits) =>
        Batching.ContinuousMusic && Generator is IContinuousMusicGenerator continuous
            ? new ContinuousMusicBatcher(modelName, continuous, resolveLimits)
            : base.CreateBatcher(modelName, resolveLimits);

    protected override IReadOnlyList<byte[]> Run(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken) =>
        Generator.GenerateMidi(requests, cancellationToken);

    protected override IReadOnlyList<MusicRequest> Probe(int size) =>
        [.. Enumerable.Range(0, size).Select(i => new MusicRequest(null, Batching.CalibrationMusicSeconds, 1.0, null, null, i))];
}
