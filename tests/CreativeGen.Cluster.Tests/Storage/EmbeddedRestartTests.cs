using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreativeGen.Cluster.Tests.Storage;

public sealed class EmbeddedRestartTests
{
    [Fact]
    public async Task PreferencesAndHistory_SurviveASiloRestart_WithTheFileStore()
    {
        using var state = TestSupport.TempDirectory();
        var userId = Guid.NewGuid().ToString("N");
        var preferences = new UserPreferences(new MusicPreferences(["satie"], 60, 70, 12, 0.5), new LandscapePreferences(["glacier"], 0.4));
        string recipeId;

        using (var host = await StartAsync(state.Path))
        {
            var user = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId);
            await user.RegisterAsync("hash");
            await user.SetPreferencesAsync(preferences);
            recipeId = (await user.ComposeMusicAsync(new MusicOrder())).RecipeId;
            await user.RateAsync(recipeId, 5, null);
            await host.StopAsync();
        }

        using (var host = await StartAsync(state.Path))
        {
            var user = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId);
            var restored = await user.GetPreferencesAsync();
            var history = await user.GetHistoryAsync(10);
            var keyStillWorks = await user.AuthenticateAsync("hash");
            var wrongKeyRefused = !await user.AuthenticateAsync("other");
            await host.StopAsync();

            Assert.Equal(preferences.Music.Composers, restored.Music.Composers);
            Assert.Equal(preferences.Landscapes with { Categories = [] }, restored.Landscapes with { Categories = [] });
            Assert.Equal(recipeId, Assert.Single(history).RecipeId);
            Assert.Equal(5, history[0].Rating);
            Assert.True(keyStillWorks);
            Assert.True(wrongKeyRefused);
        }
    }

    private static async Task<IHost> StartAsync(string stateDirectory)
    {
        var builder = Host.CreateApplicationBuilder();
        var models = new TestModels();
        builder.UseOrleans(silo =>
        {
            silo.AddCreativeGen(new CreativeGenSiloOptions
            {
                StateDirectory = stateDirectory,
                SiloPort = TestSupport.FreePort(),
                GatewayPort = TestSupport.FreePort(),
                ClusterId = "restart-test",
                Batching = { MaxBatchSize = 4 },
            });
            models.Register(silo.Services);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
