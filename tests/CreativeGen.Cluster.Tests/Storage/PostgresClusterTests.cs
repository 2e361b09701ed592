using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace CreativeGen.Cluster.Tests.Storage;

/// <summary>
/// A real two-silo cluster on PostgreSQL: ADO.NET clustering for membership, ADO.NET persistence for grain
/// state, the schema from deploy/sql. The whole cluster is stopped and started again; state must survive.
/// </summary>
public sealed class PostgresClusterTests
{
    [SkippableFact]
    public async Task UserState_SurvivesAFullClusterRestart_WithAdoNetClusteringAndStorage()
    {
        var connectionString = PostgresDatabase.RequireConnectionString();
        await PostgresSchema.ApplyAsync(connectionString);
        await PostgresSchema.ApplyAsync(connectionString); // idempotent: silos may apply it on every start
        var clusterId = "pg-test-" + Guid.NewGuid().ToString("N")[..8];
        var userId = Guid.NewGuid().ToString("N");
        var preferences = new UserPreferences(new MusicPreferences(["bach", "satie"], 90, 110, 9, 0.8), new LandscapePreferences(["sea"], 0.6));
        string recipeId;

        var first = await StartClusterAsync(connectionString, clusterId);
        try
        {
            Assert.Equal(2, await CountActiveSilosAsync(connectionString, clusterId));
            using var client = await StartClientAsync(connectionString, clusterId);
            var user = client.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userId);
            Assert.True(await user.RegisterAsync("key-hash"));
            await user.SetPreferencesAsync(preferences);
            recipeId = (await user.PaintLandscapeAsync(new LandscapeOrder(Seed: 3))).RecipeId;
            await user.RateAsync(recipeId, 2, "too grey");
            await client.StopAsync();
        }
        finally
        {
            await StopAsync(first);
        }
        Assert.Equal(0, await CountActiveSilosAsync(connectionString, clusterId));

        var second = await StartClusterAsync(connectionString, clusterId);
        try
        {
            using var client = await StartClientAsync(connectionString, clusterId);
            var user = client.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>(userId);
            var restored = await user.GetPreferencesAsync();
            var history = await user.GetHistoryAsync(10);
            Assert.False(await user.RegisterAsync("another-hash")); // the id is still taken
            Assert.True(await user.AuthenticateAsync("key-hash"));
            await client.StopAsync();

            Assert.Equal(["bach", "satie"], restored.Music.Composers);
            Assert.Equal(0.6, restored.Landscapes.Truncation);
            var entry = Assert.Single(history);
            Assert.Equal((recipeId, 2, "too grey"), (entry.RecipeId, entry.Rating, entry.Comment));
        }
        finally
        {
            await StopAsync(second);
        }
    }

    private static async Task<IHost[]> StartClusterAsync(string connectionString, string clusterId)
    {
        var silos = new[] { Silo(connectionString, clusterId, modelHost: true), Silo(connectionString, clusterId, modelHost: false) };
        foreach (var silo in silos) await silo.StartAsync();
        return silos;
    }

    private static IHost Silo(string connectionString, string clusterId, bool modelHost)
    {
        var builder = Host.CreateApplicationBuilder();
        var models = new TestModels();
        builder.UseOrleans(silo =>
        {
            silo.AddCreativeGen(new CreativeGenSiloOptions
            {
                Clustering = ClusteringMode.AdoNet,
                Storage = StorageMode.AdoNet,
                ConnectionString = connectionString,
                ClusterId = clusterId,
                ServiceId = clusterId,
                AdvertisedAddress = "127.0.0.1",
                SiloPort = TestSupport.FreePort(),
                GatewayPort = TestSupport.FreePort(),
                ModelHost = modelHost,
                ApplySchemaOnStart = true, // both silos apply it at once: the advisory lock serializes them
                Batching = { MaxBatchSize = 4 },
            });
            models.Register(silo.Services);
        });
        return builder.Build();
    }

    private static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, connectionString))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task StopAsync(IHost[] silos)
    {
        foreach (var silo in silos.Reverse())
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    private static async Task<int> CountActiveSilosAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3", connection)
        {
            Parameters = { new() { Value = clusterId } },
        };
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
