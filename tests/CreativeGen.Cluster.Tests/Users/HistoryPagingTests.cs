using CreativeGen.Cluster.Tests.Storage;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace CreativeGen.Cluster.Tests.Users;

/// <summary>The user grain keeps only its recent history in its own state; older entries move to page grains.</summary>
public sealed class HistoryPagingTests
{
    [Fact]
    public async Task LongHistory_IsPagedOut_ReadBackWhole_AndOldEntriesCanBeRated()
    {
        using var directory = TestSupport.TempDirectory();
        using var host = await EmbeddedRestartTests.StartAsync(directory.Path);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var user = grains.GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        await user.RegisterAsync("hash");
        var received = new List<string>();
        for (var i = 0; i < 130; i++) received.Add((await user.PaintLandscapeAsync(new LandscapeOrder(Category: i % 2 == 0 ? "sea" : "forest", Seed: i))).RecipeId);

        var oldest = await user.RateAsync(received[0], 5, "first");
        var history = await user.GetHistoryAsync(130);
        var stored = await ReadStateAsync(host, user);
        await host.StopAsync();

        Assert.Equal(Enumerable.Reverse(received), history.Select(e => e.RecipeId));
        Assert.Equal(5, history[^1].Rating);
        Assert.Equal("first", oldest.Comment);
        Assert.Equal(1, stored.Pages);                 // entries 1-50; 100 would have paged out a second
        Assert.Equal(80, stored.History.Count);
        Assert.Equal(new LabelTally(2, 1), stored.Ratings.Landscapes["sea"]);
    }

    [Fact]
    public async Task StateFromBeforePaging_IsMigratedOnActivation_WithNothingLost()
    {
        using var directory = TestSupport.TempDirectory();
        using var host = await EmbeddedRestartTests.StartAsync(directory.Path);
        var user = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(Guid.NewGuid().ToString("N"));
        var entries = Enumerable.Range(0, 230)
            .Select(i => new HistoryEntry($"img_{i:x24}", Recipe.ForLandscape("landscape-64", "v1", new LandscapeParameters(i % 3 == 0 ? "glacier" : "sea", 1.0), i),
                DateTimeOffset.UnixEpoch.AddMinutes(i), Rating: i % 3 == 0 ? 1 : i % 10 == 1 ? 4 : null))
            .ToList();
        await WriteStateAsync(host, user, new UserState { ApiKeyHash = "hash", History = entries, Layout = 0 });

        var history = await user.GetHistoryAsync(230);
        var stored = await ReadStateAsync(host, user);
        await host.StopAsync();

        Assert.Equal(Enumerable.Reverse(entries), history);
        Assert.Equal(UserState.CurrentLayout, stored.Layout);
        Assert.Equal(3, stored.Pages);
        Assert.Equal(80, stored.History.Count);
        var glaciers = entries.Count(e => e.Recipe.Landscape!.Category == "glacier");
        Assert.Equal(new LabelTally(-2 * glaciers, glaciers), stored.Ratings.Landscapes["glacier"]);
        Assert.Equal(new LabelTally(entries.Count(e => e.Rating == 4), entries.Count(e => e.Rating == 4)), stored.Ratings.Landscapes["sea"]);
    }

    [Fact]
    public void Tallies_ARatingChanged_CountsOnlyTheNewOne()
    {
        var entry = new HistoryEntry("img", Recipe.ForLandscape("landscape-64", "v1", new LandscapeParameters("Sea", 1.0), 1), DateTimeOffset.UnixEpoch);
        var tallies = new RatingTallies();

        tallies.Rerate(entry, entry with { Rating = 5 });
        tallies.Rerate(entry with { Rating = 5 }, entry with { Rating = 1 });

        Assert.Equal(new LabelTally(-2, 1), tallies.Landscapes["sea"]);
        tallies.Rerate(entry with { Rating = 1 }, entry with { Rating = 3 });
        Assert.Equal(new LabelTally(0, 1), tallies.Landscapes["sea"]);
    }

    private static IGrainStorage Storage(IHost host) => host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    private static async Task<UserState> ReadStateAsync(IHost host, IUserGrain user)
    {
        var state = new GrainState<UserState>(new UserState());
        await Storage(host).ReadStateAsync("user", user.GetGrainId(), state);
        return state.State!;
    }

    private static Task WriteStateAsync(IHost host, IUserGrain user, UserState userState) =>
        Storage(host).WriteStateAsync("user", user.GetGrainId(), new GrainState<UserState>(userState));
}
