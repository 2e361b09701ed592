using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Batching;
using CreativeGen.Grains.Hosting;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Models;

/// <summary>
/// The shipped music model behind a model grain with continuous batching: concurrent requests share its steps
/// and each still gets the bytes the model writes for it alone.
/// </summary>
public sealed class ContinuousMusicGrainTests : IAsyncLifetime
{
    private const string ModelName = "music-piano";
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await StartAsync(continuousMusic: true);

    private static async Task<InProcessTestCluster> StartAsync(bool continuousMusic, int maxBatchSize = 3)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions
            {
                Storage = StorageMode.Memory,
                ModelHost = true,
                Batching = { MaxBatchSize = maxBatchSize, ContinuousMusic = continuousMusic }, // fixed maximum: no calibration in a timed test
            });
            orleans.Services.AddMusicModel(ModelName, () =>
            {
                TorchRuntime.Initialize();
                return MusicModelLoader.Load(DefaultModels.MusicPath);
            });
        });
        var started = builder.Build();
        await started.DeployAsync();
        return started;
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task ConcurrentRequests_ShareSteps_AndEachGetsItsBytesAlone()
    {
        var grain = cluster.Client.GetGrain<IMusicModelGrain>(ModelName);
        var parameters = Enumerable.Range(0, 7)
            .Select(i => new MusicParameters(null, 1 + i % 3, 0.9 + 0.05 * i, i % 2 == 0 ? 120 : null, i == 3 ? 30 : null, i == 5 ? 0.9 : null))
            .ToArray();

        var served = await Task.WhenAll(parameters.Select((p, i) => grain.GenerateAsync(p, seed: 40 + i)));
        var info = await grain.DescribeAsync();

        Assert.Equal(3, info.Batching.MaxBatchSize);
        Assert.Contains(ContinuousMusicBatcher.Mode, info.Batching.Source);
        TorchRuntime.Initialize();
        using var alone = MusicModelLoader.Load(DefaultModels.MusicPath);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var expected = alone.GenerateMidi([new MusicRequest(p.Composer, p.LengthSeconds, p.Temperature, p.TopK, p.TopP, 40 + i, p.TempoBpm)])[0];
            Assert.Equal(alone.ModelVersion, served[i].ModelVersion);
            Assert.Equal(expected, served[i].Content);
        }
    }

    /// <summary>Issue 9: 64 real recipes arriving at random moments through the cluster, each the bytes it has alone.</summary>
    [Fact]
    public async Task SixtyFourRecipesArrivingAtRandom_EachGetsItsBytesAlone()
    {
        await using var wide = await StartAsync(continuousMusic: true, maxBatchSize: 64);
        var grain = wide.Client.GetGrain<IMusicModelGrain>(ModelName);
        TorchRuntime.Initialize();
        using var alone = MusicModelLoader.Load(DefaultModels.MusicPath);
        var recipes = Enumerable.Range(0, 64)
            .Select(i => new MusicParameters(i % 4 == 0 ? null : alone.Composers[i % alone.Composers.Count], 1 + i % 4, 0.8 + 0.05 * (i % 7),
                i % 2 == 0 ? 100 : null, i % 5 == 0 ? 30 : null, i % 3 == 0 ? 0.92 : null))
            .ToArray();
        var random = new Random(17);
        var delays = recipes.Select(_ => random.Next(0, 500)).ToArray();

        var served = await Task.WhenAll(recipes.Select(async (p, i) =>
        {
            await Task.Delay(delays[i]);
            return await grain.GenerateAsync(p, seed: 2_000 + i);
        }));

        for (var i = 0; i < recipes.Length; i++)
        {
            var p = recipes[i];
            var expected = alone.GenerateMidi([new MusicRequest(p.Composer, p.LengthSeconds, p.Temperature, p.TopK, p.TopP, 2_000 + i, p.TempoBpm)])[0];
            Assert.True(expected.AsSpan().SequenceEqual(served[i].Content), $"recipe {i} (arrived after {delays[i]} ms) differs from its bytes alone");
        }
    }

    [Fact]
    public async Task ContinuousMusicSwitchedOff_TheGrainBatchesByWindow()
    {
        await using var windowCluster = await StartAsync(continuousMusic: false);

        var info = await windowCluster.Client.GetGrain<IMusicModelGrain>(ModelName).DescribeAsync();

        Assert.Equal("configured", info.Batching.Source);
        Assert.Equal(3, info.Batching.MaxBatchSize);
    }

    [Fact]
    public async Task InvalidRequest_FailsAloneAndTheGrainKeepsServing()
    {
        var grain = cluster.Client.GetGrain<IMusicModelGrain>(ModelName);

        var bad = grain.GenerateAsync(new MusicParameters("Nobody", 1, 1.0, null, null, null), seed: 1);
        var good = grain.GenerateAsync(new MusicParameters(null, 1, 1.0, null, null, null), seed: 1);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.Contains("unknown composer 'Nobody'", error.Message);
        Assert.NotEmpty((await good).Content);
    }
}
