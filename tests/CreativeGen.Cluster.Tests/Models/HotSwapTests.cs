using System.Collections.Concurrent;
using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Models;

/// <summary>A model grain swaps to another version of its model under load without failing a request.</summary>
public sealed class HotSwapTests : IAsyncLifetime
{
    private static readonly SimulatedCost Cost = new(TimeSpan.FromMilliseconds(15), TimeSpan.FromMilliseconds(1));
    private readonly TestModels models = new(musicCost: Cost);
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        models.ArchivedMusic["fixed-2"] = new FixedPatternMusicGenerator("fixed-2", Cost);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions { Storage = StorageMode.Memory, ModelHost = true, Batching = { MaxBatchSize = 4 } });
            models.Register(orleans.Services);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private IMusicModelGrain Music(string key = TestModels.Music) => cluster.Client.GetGrain<IMusicModelGrain>(key);

    [Fact]
    public async Task SwapUnderLoad_FailsNoRequest_AndEveryClientMovesToTheNewVersionForGood()
    {
        var seen = new ConcurrentDictionary<int, List<string>>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(client => Task.Run(async () =>
        {
            var versions = seen.GetOrAdd(client, _ => []);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    versions.Add((await Music().GenerateAsync(new MusicParameters(null, 2, 1.0, null, null, null), seed: client * 1000 + i)).ModelVersion);
                }
                catch (Exception error)
                {
                    failures.Enqueue(error);
                }
            }
        })).ToList();

        await Task.Delay(300);
        var swapped = await Music().SwapAsync("fixed-2");
        var afterSwap = await Music().GenerateAsync(new MusicParameters(null, 2, 1.0, null, null, null), seed: 1);
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.Equal("fixed-2", swapped.Version);
        Assert.Equal("fixed-2", afterSwap.ModelVersion);
        Assert.All(seen.Values, versions =>
        {
            Assert.Equal("fixed-1", versions[0]);
            Assert.Equal("fixed-2", versions[^1]);
            var firstNew = versions.IndexOf("fixed-2");
            Assert.DoesNotContain("fixed-1", versions.Skip(firstNew)); // no client falls back
        });
    }

    [Fact]
    public async Task SwappedVersion_SurvivesReactivation_AndNullReturnsToTheDefault()
    {
        await Music().SwapAsync("fixed-2");
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var reactivated = await Music().DescribeAsync();
        var reverted = await Music().SwapAsync(null);

        Assert.Equal("fixed-2", reactivated.Version);
        Assert.Equal("fixed-1", reverted.Version);
    }

    [Fact]
    public async Task SwapToAVersionNotKept_IsRefused_AndTheCurrentVersionKeepsServing()
    {
        var error = await Assert.ThrowsAsync<GenerationRequestException>(() => Music().SwapAsync("fixed-9"));
        var pinned = await Assert.ThrowsAsync<GenerationRequestException>(() => Music($"{TestModels.Music}@fixed-1").SwapAsync("fixed-2"));

        Assert.Equal(GenerationErrorKind.Gone, error.Kind);
        Assert.Equal(GenerationErrorKind.InvalidRequest, pinned.Kind);
        Assert.Equal("fixed-1", (await Music().GenerateAsync(new MusicParameters(null, 1, 1.0, null, null, null), seed: 3)).ModelVersion);
    }
}
