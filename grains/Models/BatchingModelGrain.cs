using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Placement;
using CreativeGen.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreativeGen.Grains.Models;

/// <summary>
/// What every model grain shares: it refuses to live off a model-host silo, loads its generator by grain key,
/// and sends requests through a dynamic batcher whose maximum batch is calibrated on this device.
/// Subclasses say how to load, run and probe their kind of generator.
/// </summary>
public abstract class BatchingModelGrain<TGenerator, TRequest>(
    IOptions<BatchingOptions> batching,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger logger) : Grain
    where TGenerator : class
{
    private IRequestBatcher<TRequest, byte[]> batcher = null!;

    protected TGenerator Generator { get; private set; } = null!;

    protected BatchingOptions Batching => batching.Value;

    protected string SiloAddressText => silo.SiloAddress.ToString();

    protected Task<BatchLimits> Ready => batcher.Ready;

    protected abstract TGenerator Load(string modelName);

    protected abstract IReadOnlyList<byte[]> Run(IReadOnlyList<TRequest> requests, CancellationToken cancellationToken);

    /// <summary>A batch of <paramref name="size"/> typical requests, timed to calibrate the maximum batch.</summary>
    protected abstract IReadOnlyList<TRequest> Probe(int size);

    protected Task<byte[]> EnqueueAsync(TRequest request) => batcher.EnqueueAsync(request);

    /// <summary>The batcher requests go through; by default window batching over <see cref="Run"/>.</summary>
    protected virtual IRequestBatcher<TRequest, byte[]> CreateBatcher(string modelName, Func<CancellationToken, BatchLimits> resolveLimits) =>
        new DynamicBatcher<TRequest, byte[]>(modelName, Run, resolveLimits);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grainType = GetType().Name;
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, grainType);
        var name = this.GetPrimaryKeyString();
        Generator = Load(name);
        batcher = CreateBatcher(name,
            token => BatchCalibrator.Resolve(batching.Value, name, size => Run(Probe(size), token),
                probes => logger.LogInformation("Calibrated {Model}: {Probes}", name,
                    string.Join(", ", probes.Select(p => $"{p.BatchSize}: {p.ItemsPerSecond:F1}/s"))),
                token));
        CreativeGenMetrics.GrainActivated(grainType);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainDeactivated(GetType().Name);
        await batcher.DisposeAsync();
    }
}
