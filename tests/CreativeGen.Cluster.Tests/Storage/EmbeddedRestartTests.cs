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

    [Fact]
    public async Task ReadingAStoredUser_LeavesTheDefaultsOfOtherUsersAlone()
    {
        // The storage serializer fills the state object a grain starts with; once, it filled the shared default
        // preferences too, and every user without preferences of their own got the last user read's.
        using var state = TestSupport.TempDirectory();
        var stored = new UserPreferences(new MusicPreferences(["satie"], 60, 70, 12, 0.5), new LandscapePreferences(["glacier"], 0.4));
        var userId = Guid.NewGuid().ToString("N");
        using (var host = await StartAsync(state.Path))
        {
            var user = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId);
            await user.RegisterAsync("hash");
            await user.SetPreferencesAsync(stored);
            await host.StopAsync();
        }

        using (var host = await StartAsync(state.Path))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var restored = await grains.GetGrain<IUserGrain>(userId).GetPreferencesAsync();
            var newcomer = await grains.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N")).GetPreferencesAsync();
            await host.StopAsync();

            Assert.Equal(["glacier"], restored.Landscapes.Categories);
            Assert.Empty(newcomer.Landscapes.Categories);
            Assert.Empty(newcomer.Music.Composers);
            Assert.Equal(0.8, newcomer.Landscapes.Truncation);
            Assert.Empty(UserPreferences.Default.Landscapes.Categories);
        }
    }

    /// <summary>A silo with the embedded file store in <paramref name="stateDirectory"/> and the test models.</summary>
    internal static async Task<IHost> StartAsync(string stateDirectory)
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
