using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Placement;
using CreativeGen.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreativeGen.Grains.Models;

/// <summary>
/// What every model grain shares: it refuses to live off a model-host silo, loads its generator by grain key,
/// and sends requests through a batcher whose maximum batch is calibrated on this device.
/// <para>
/// Hot swap: <see cref="SwapToAsync"/> loads another version of the model and calibrates its batcher while the
/// current one keeps serving, then sends new requests to it and lets the old batcher finish what it holds, so no
/// request fails. The version chosen is persisted, so a reactivation (e.g. on another silo) serves it too. A model
/// may have several replica grains ("name#k", see <see cref="DefaultModelNames.Replicas"/>); each swaps on its own.
/// </para>
/// Subclasses say how to load, run and probe their kind of generator.
/// </summary>
public abstract class BatchingModelGrain<TGenerator, TRequest>(
    IPersistentState<ModelDeploymentState> deployment,
    IOptions<BatchingOptions> batching,
    IOptions<DefaultModelNames> models,
    ModelHostRole role,
    ILocalSiloDetails silo,
    ILogger logger) : Grain
    where TGenerator : class
{
    private readonly SemaphoreSlim swapping = new(1, 1);
    private Serving current = null!;
    private GenerationRequestException? refusal;

    /// <summary>A generator, the batcher in front of it, and the lease that keeps it loaded.</summary>
    protected sealed record Serving(TGenerator Generator, IRequestBatcher<TRequest, byte[]> Batcher, IDisposable Lease);

    /// <summary>What serves now; read it once per request, since a swap can replace it at any await. Throws for a refused key.</summary>
    protected Serving Current => refusal is null ? current : throw Refused();

    protected BatchingOptions Batching => batching.Value;

    protected string SiloAddressText => silo.SiloAddress.ToString();

    /// <summary>The grain key without its replica suffix: what the catalog loads ("name" or "name@version").</summary>
    private string CatalogKey => ModelKey.SplitReplica(this.GetPrimaryKeyString()).Key;

    /// <summary>The model's name, as recipes record it: without replica suffix or version.</summary>
    protected string ModelName => ModelKey.Parse(CatalogKey).Name;

    /// <summary>The other replicas of this model's grain (none for a pinned "name@version" grain).</summary>
    protected IEnumerable<string> SiblingKeys() =>
        ModelKey.Parse(CatalogKey).Version is not null ? []
        : Enumerable.Range(0, models.Value.Replicas).Select(r => ModelKey.Replica(CatalogKey, r)).Where(k => k != this.GetPrimaryKeyString());

    /// <summary>Borrows the generator of a catalog key (an archived version is unloaded once nobody holds it).</summary>
    protected abstract ModelLease<TGenerator> Lease(string modelKey);

    protected abstract string VersionOf(TGenerator generator);

    protected abstract IReadOnlyList<byte[]> Run(TGenerator generator, IReadOnlyList<TRequest> requests, CancellationToken cancellationToken);

    /// <summary>A batch of <paramref name="size"/> typical requests, timed to calibrate the maximum batch.</summary>
    protected abstract IReadOnlyList<TRequest> Probe(TGenerator generator, int size);

    /// <summary>Runs one request on what serves now; the bytes carry the version that made them, even across a swap.</summary>
    protected async Task<GeneratedBytes> RunRequestAsync(TRequest request)
    {
        var serving = Current;
        return new GeneratedBytes(VersionOf(serving.Generator), await serving.Batcher.EnqueueAsync(request));
    }

    /// <summary>The batcher requests go through; by default window batching.</summary>
    protected virtual IRequestBatcher<TRequest, byte[]> CreateBatcher(TGenerator generator, string modelName, Func<CancellationToken, BatchLimits> resolveLimits) =>
        new DynamicBatcher<TRequest, byte[]>(modelName, (requests, token) => Run(generator, requests, token), resolveLimits);

    /// <summary>
    /// Loads the model and starts its batcher. A key the caller got wrong (not canonical, an unknown name, a version no
    /// longer kept) is not a failure of this silo: the grain then loads nothing, answers every call with that error
    /// (a 4xx at the gateway) and goes away once it has answered, and nothing is logged as an error. A silo that cannot load a
    /// known model still fails the activation.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grainType = GetType().Name;
        ModelGrainActivation.EnsureModelHost(role, silo.SiloAddress, grainType);
        try
        {
            ModelKey.RequireCanonical(this.GetPrimaryKeyString(), models.Value.Replicas);
            // Reading a checkpoint takes seconds: off the grain's scheduler, which warns about (and is blocked by) long turns.
            var (key, deployed) = (CatalogKey, deployment.State.Version);
            current = Start(await Task.Run(() => LoadDeployed(key, deployed), cancellationToken));
        }
        catch (GenerationRequestException error) when (error.Kind is not GenerationErrorKind.Unavailable)
        {
            logger.LogInformation("{Grain} {Key} refused: {Reason}", grainType, this.GetPrimaryKeyString(), error.Message);
            refusal = error;
            return;
        }
        CreativeGenMetrics.GrainActivated(grainType);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (refusal is not null) return;
        CreativeGenMetrics.GrainDeactivated(GetType().Name);
        await current.Batcher.DisposeAsync();
        current.Lease.Dispose();
    }

    /// <summary>The refusal, for a call to answer with; the grain goes away once the call is answered.</summary>
    private GenerationRequestException Refused()
    {
        DeactivateOnIdle(); // not from OnActivateAsync: the call that activated the grain would be rejected instead of answered
        return new(refusal!.Kind, refusal.Message, refusal.Parameter); // a fresh exception object for each throw
    }

    /// <summary>
    /// Serves <paramref name="version"/> (from the model archive; null: the model's default file) from now on,
    /// without failing a request. Throws <see cref="GenerationRequestException"/> for a pinned "name@version" grain
    /// or a version the archive does not hold.
    /// </summary>
    protected async Task SwapToAsync(string? version)
    {
        if (refusal is not null) throw Refused();
        var key = CatalogKey;
        if (ModelKey.Parse(key).Version is not null)
            throw GenerationRequestException.Invalid("model", $"'{key}' serves one archived version for old recipes; swap '{ModelKey.Parse(key).Name}' instead.");
        await swapping.WaitAsync();
        try
        {
            var lease = await Task.Run(() => Lease(version is null ? key : ModelKey.Versioned(key, version)));
            var generator = lease.Generator;
            if (VersionOf(generator) == VersionOf(current.Generator))
            {
                lease.Dispose();
            }
            else
            {
                var next = Start(lease);
                await next.Batcher.Ready; // calibrated while the current version keeps serving
                var previous = current;
                current = next;
                logger.LogInformation("Model {Model} swapped from version {Old} to {New}", key, VersionOf(previous.Generator), VersionOf(generator));
                await previous.Batcher.DrainAsync();
                previous.Lease.Dispose();
            }
            deployment.State.Version = version;
            await deployment.WriteStateAsync();
        }
        finally
        {
            swapping.Release();
        }
    }

    /// <summary>The version a swap chose, if any; the default if that version can no longer be loaded (logged).</summary>
    private ModelLease<TGenerator> LoadDeployed(string key, string? deployed)
    {
        if (ModelKey.Parse(key).Version is not null || deployed is not { } version) return Lease(key);
        try
        {
            return Lease(ModelKey.Versioned(key, version));
        }
        catch (GenerationRequestException error)
        {
            logger.LogError("Model {Model}: the swapped-in version {Version} cannot be loaded ({Reason}); serving the default.", key, version, error.Message);
            return Lease(key);
        }
    }

    private Serving Start(ModelLease<TGenerator> lease)
    {
        var generator = lease.Generator;
        var name = CatalogKey;
        var batcher = CreateBatcher(generator, name,
            token => BatchCalibrator.Resolve(batching.Value, name, size => Run(generator, Probe(generator, size), token),
                probes => logger.LogInformation("Calibrated {Model} {Version}: {Probes}", name, VersionOf(generator),
                    string.Join(", ", probes.Select(p => $"{p.BatchSize}: {p.ItemsPerSecond:F1}/s"))),
                token));
        return new Serving(generator, batcher, lease);
    }
}

/// <summary>A model grain's persisted choice of version (null: the model's default file).</summary>
[GenerateSerializer, Alias("CreativeGen.ModelDeploymentState")]
public sealed class ModelDeploymentState
{
    [Id(0)] public string? Version { get; set; }
}
