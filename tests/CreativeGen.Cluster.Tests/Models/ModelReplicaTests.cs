using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Models;

/// <summary>A model served by three replica grains on two model-host silos.</summary>
public sealed class ModelReplicaTests : IAsyncLifetime
{
    private const int Replicas = 3;
    private readonly TestModels models = new();
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        models.ArchivedMusic["fixed-2"] = new FixedPatternMusicGenerator("fixed-2");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions
            {
                Storage = StorageMode.Memory, ModelHost = true, Batching = { MaxBatchSize = 4 }, Models = { Replicas = Replicas },
            });
            models.Register(orleans.Services);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task UserRequests_AreSpreadOverTheReplicas()
    {
        var user = cluster.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        for (var i = 0; i < 24; i++) await user.ComposeMusicAsync(new MusicOrder(LengthSeconds: 1, Seed: i));

        var replicas = await ActiveMusicGrainKeysAsync();

        // 24 random picks among 3 replicas all landing on one: probability 3 · 3⁻²⁴.
        Assert.True(replicas.Count >= 2, $"active: {string.Join(", ", replicas)}");
        Assert.All(replicas, key => Assert.StartsWith(TestModels.Music, key));
    }

    [Fact]
    public async Task RecipesMadeByAnyReplica_NameTheModel_NotTheReplica()
    {
        var user = cluster.Client.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));

        var recipes = new List<string>();
        for (var i = 0; i < 12; i++) recipes.Add((await user.ComposeMusicAsync(new MusicOrder(LengthSeconds: 1, Seed: i))).Recipe.ModelName);

        // 12 random picks among 3 replicas never leaving replica 0: probability 3⁻¹².
        Assert.All(recipes, name => Assert.Equal(TestModels.Music, name));
    }

    [Fact]
    public async Task Swap_ReachesEveryReplica()
    {
        var swapped = await cluster.Client.GetGrain<IMusicModelGrain>(ModelKey.Replica(TestModels.Music, 1)).SwapAsync("fixed-2");

        var versions = await Task.WhenAll(Enumerable.Range(0, Replicas)
            .Select(async r => (await cluster.Client.GetGrain<IMusicModelGrain>(ModelKey.Replica(TestModels.Music, r)).DescribeAsync()).Version));

        Assert.Equal("fixed-2", swapped.Version);
        Assert.All(versions, v => Assert.Equal("fixed-2", v));
    }

    private async Task<List<string>> ActiveMusicGrainKeysAsync() =>
        [.. (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(g => g.GrainType.Contains(nameof(MusicModelGrain), StringComparison.Ordinal))
            .Select(g => g.GrainId.Key.ToString()!)
            .Distinct()];
}
