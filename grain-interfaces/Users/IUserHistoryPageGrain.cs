namespace CreativeGen.GrainInterfaces.Users;

/// <summary>
/// A full page of one user's older history (key: "&lt;user id&gt;/&lt;page number&gt;", page 0 the oldest). The user grain
/// keeps only its recent entries in its own state, so that each request writes a small state; older ones move here.
/// Only the user grain calls it; the HTTP API never names a page.
/// </summary>
public interface IUserHistoryPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page's entries, oldest first (writing the same page again replaces it).</summary>
    Task WriteAsync(HistoryEntry[] entries);

    /// <summary>The page's entries, oldest first (empty if never written).</summary>
    Task<HistoryEntry[]> ReadAsync();

    /// <summary>Rates the newest entry of this recipe on the page; returns it as it was and as it is now, or null when the page lacks it.</summary>
    Task<RatedEntry?> RateAsync(string recipeId, int stars, string? comment);
}

/// <summary>An entry before and after a rating (the before's rating is what the rating replaced).</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.RatedEntry")]
public sealed record RatedEntry(HistoryEntry Before, HistoryEntry After)
{
    /// <summary>Rates the newest entry of the recipe in <paramref name="entries"/> in place, or returns null when it is not there.</summary>
    public static RatedEntry? RateNewest(List<HistoryEntry> entries, string recipeId, int stars, string? comment)
    {
        var index = entries.FindLastIndex(e => e.RecipeId == recipeId);
        if (index < 0) return null;
        var before = entries[index];
        entries[index] = before with { Rating = stars, Comment = comment };
        return new RatedEntry(before, entries[index]);
    }
}
