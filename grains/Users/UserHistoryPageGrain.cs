using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;

namespace CreativeGen.Grains.Users;

/// <summary>A full page of a user's older history, persisted beside the user (see <see cref="IUserHistoryPageGrain"/>).</summary>
public sealed class UserHistoryPageGrain(
    [PersistentState("history-page", StorageNames.Default)] IPersistentState<HistoryPageState> state) : Grain, IUserHistoryPageGrain
{
    public async Task WriteAsync(HistoryEntry[] entries)
    {
        state.State.Entries = [.. entries];
        await state.WriteStateAsync();
    }

    public Task<HistoryEntry[]> ReadAsync() => Task.FromResult(state.State.Entries.ToArray());

    public async Task<RatedEntry?> RateAsync(string recipeId, int stars, string? comment)
    {
        var rated = RatedEntry.RateNewest(state.State.Entries, recipeId, stars, comment);
        if (rated is not null) await state.WriteStateAsync();
        return rated;
    }
}

/// <summary>The persisted entries of one history page, oldest first.</summary>
[GenerateSerializer, Alias("CreativeGen.HistoryPageState")]
public sealed record HistoryPageState
{
    [Id(0)] public List<HistoryEntry> Entries { get; set; } = [];
}
