using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Cluster.Tests.Placement;

public sealed class ModelPlacementTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task ModelGrains_ActivateOnlyOnTheSiloMarkedAsModelHost()
    {
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()).ToList();
        var modelHosts = fixture.Cluster.Silos.Where(s => s.ServiceProvider.GetRequiredService<ModelHostRole>().IsModelHost).ToList();
        Assert.Equal(2, silos.Count);
        var modelHost = Assert.Single(modelHosts).SiloAddress.ToString();

        var placed = await Task.WhenAll(TwoSiloClusterFixture.ExtraMusicModels
            .Select(name => fixture.Client.GetGrain<IMusicModelGrain>(name).DescribeAsync()));
        var landscape = await fixture.Client.GetGrain<ILandscapeModelGrain>("landscape-64").DescribeAsync();

        Assert.All(placed, info => Assert.Equal(modelHost, info.Silo));
        Assert.Equal(modelHost, landscape.Silo);
    }

    [Fact]
    public async Task ConcurrentRequests_ToOneModelGrain_AreBatched()
    {
        var model = fixture.Client.GetGrain<IMusicModelGrain>("music-piano");
        await model.DescribeAsync();
        var before = fixture.Models.MusicGenerator.BatchSizes.Count;

        var results = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(seed => model.GenerateAsync(new(null, 2, 1.0, 120, null, null), seed)));

        var batches = fixture.Models.MusicGenerator.BatchSizes.Skip(before).ToList();
        Assert.Equal(16, results.Length);
        Assert.Equal(16, batches.Sum());
        Assert.True(batches.Max() > 1, $"expected batched forward passes, saw sizes [{string.Join(", ", batches)}]");
        Assert.All(batches, size => Assert.InRange(size, 1, 8));
        Assert.Equal(16, results.Select(r => Convert.ToBase64String(r.Content)).Distinct().Count());
    }

    [Fact]
    public async Task ModelGrain_ReportsTheConfiguredBatchLimits()
    {
        var info = await fixture.Client.GetGrain<IMusicModelGrain>("music-piano").DescribeAsync();

        Assert.Equal(8, info.Batching.MaxBatchSize);
        Assert.Equal("configured", info.Batching.Source);
        Assert.Equal(["bach", "chopin", "satie"], info.Composers);
    }
}
