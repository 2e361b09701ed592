using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Models;

/// <summary>What a silo logs when a model grain starts: no false alarms, and no long turns on the grain's scheduler.</summary>
public sealed class ModelActivationTests : IAsyncLifetime
{
    private readonly FixedPatternMusicGenerator generator = new();
    private TaskScheduler? loadedOn;
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions { Storage = StorageMode.Memory, ModelHost = true, Batching = { MaxBatchSize = 2 } });
            orleans.Services.AddMusicModel(TestModels.Music, () =>
            {
                loadedOn = TaskScheduler.Current; // a real checkpoint takes seconds to read here
                return generator;
            });
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Activation_LoadsTheModelOffTheGrainScheduler_SoNoLongTurnIsReported()
    {
        var piece = await cluster.Client.GetGrain<IMusicModelGrain>(TestModels.Music)
            .GenerateAsync(new MusicParameters(null, 2, 1.0, null, null, null), seed: 1);

        Assert.Equal(generator.ModelVersion, piece.ModelVersion);
        Assert.Same(TaskScheduler.Default, loadedOn);
    }

    [Fact]
    public void Logging_WatchdogStallWarningsAreFilteredButOtherOrleansWarningsAreNot()
    {
        var loggers = cluster.Silos[0].ServiceProvider.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger(CreativeGen.Grains.Hosting.SiloBuilderExtensions.WatchdogCategory).IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger(CreativeGen.Grains.Hosting.SiloBuilderExtensions.WatchdogCategory).IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Orleans.Runtime.Scheduler.WorkItemGroup").IsEnabled(LogLevel.Warning));
    }
}
