using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Placement;

public sealed class NoModelHostTests
{
    [Fact]
    public async Task ModelGrain_InAClusterWithoutModelHosts_IsNeverActivated()
    {
        var models = new TestModels();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions { Storage = StorageMode.Memory, ModelHost = false });
            models.Register(orleans.Services);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IMusicModelGrain>(TestModels.Music).DescribeAsync());

        // The placement filter refuses before any activation: the grain's own activation guard never ran.
        Assert.DoesNotContain("may only activate", error.ToString());
        Assert.Empty(models.MusicGenerator.BatchSizes);
    }
}
