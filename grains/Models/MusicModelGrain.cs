using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Placement;
using CreativeGen.Grains.Telemetry;
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
    ILogger<MusicModelGrain> logger) : Grain, IMusicModelGrain
{
    private IMusicGenerator generator = null!;
    private DynamicBatcher<MusicRequest, byte[]> batcher = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, nameof(MusicModelGrain));
        var name = this.GetPrimaryKeyString();
        generator = catalog.GetMusic(name);
        batcher = new DynamicBatcher<MusicRequest, byte[]>(name, (requests, token) => generator.GenerateMidi(requests, token),
            token => BatchCalibrator.Resolve(batching.Value, name, size => generator.GenerateMidi(Probe(size), token),
                probes => logger.LogInformation("Calibrated {Model}: {Probes}", name, string.Join(", ", probes.Select(p => $"{p.BatchSize}: {p.ItemsPerSecond:F1}/s"))),
                token));
        CreativeGenMetrics.GrainActivated(nameof(MusicModelGrain));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainDeactivated(nameof(MusicModelGrain));
        await batcher.DisposeAsync();
    }

    public async Task<MusicModelInfo> DescribeAsync() =>
        new(this.GetPrimaryKeyString(), generator.ModelVersion, [.. generator.Composers], await batcher.Ready, silo.SiloAddress.ToString());

    public async Task<GeneratedBytes> GenerateAsync(MusicParameters parameters, long seed)
    {
        var request = new MusicRequest(parameters.Composer, parameters.LengthSeconds, parameters.Temperature, parameters.TopK, parameters.TopP, seed, parameters.TempoBpm);
        var midi = await batcher.EnqueueAsync(request);
        return new GeneratedBytes(generator.ModelVersion, midi);
    }

    private List<MusicRequest> Probe(int size) =>
        [.. Enumerable.Range(0, size).Select(i => new MusicRequest(null, batching.Value.CalibrationMusicSeconds, 1.0, null, null, i))];
}
