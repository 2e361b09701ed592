using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.Grains.Hosting;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Placement;

/// <summary>
/// An in-process cluster of two silos: the primary is marked as a model host in its silo metadata, the
/// secondary is not. Grain state is in memory; the models are the deterministic test generators, with a
/// simulated per-batch cost so that batching shows.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public static readonly string[] ExtraMusicModels = ["music-a", "music-b", "music-c", "music-d", "music-e", "music-f", "music-g", "music-h"];

    public TestModels Models { get; } = new(
        musicCost: new SimulatedCost(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(1)),
        landscapeCost: new SimulatedCost(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1)));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((silo, orleans) =>
        {
            var options = new CreativeGenSiloOptions
            {
                Storage = StorageMode.Memory,
                ModelHost = silo.SiloName == "Silo_0", // the first silo of an in-process test cluster
                Batching = { MaxBatchSize = 8, WindowMilliseconds = 20 },
            };
            orleans.AddCreativeGenGrains(options);
            Models.Register(orleans.Services, ExtraMusicModels);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
