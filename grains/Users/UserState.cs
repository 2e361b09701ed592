using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>
/// A user's persisted state: the hash of its API key (never the key), preferences, the recent history and the
/// rating tallies of the whole history. Older history lives in <see cref="IUserHistoryPageGrain"/> pages, so the
/// state each request writes stays small however long the history grows.
/// </summary>
[GenerateSerializer, Alias("CreativeGen.UserState")]
public sealed record UserState
{
    /// <summary>Entries per history page. The recent history holds fewer than twice this many.</summary>
    public const int PageSize = 50;

    /// <summary>Layout 2: paged history and rating tallies. States written before it hold up to 1,000 entries here.</summary>
    public const int CurrentLayout = 2;

    [Id(0)] public string? ApiKeyHash { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public UserPreferences Preferences { get; set; } = UserPreferences.Default;

    /// <summary>The recent history, oldest first; older entries are in pages 0 .. <see cref="Pages"/> - 1.</summary>
    [Id(3)] public List<HistoryEntry> History { get; set; } = [];

    /// <summary>Full pages written to <see cref="IUserHistoryPageGrain"/>s.</summary>
    [Id(4)] public int Pages { get; set; }

    [Id(5)] public RatingTallies Ratings { get; set; } = new();

    /// <summary>0 or 1 for states written before the paged layout (see <see cref="CurrentLayout"/>).</summary>
    [Id(6)] public int Layout { get; set; }

    /// <summary>Ratings of landscapes inside the generator's latent space (issue 13); counts ratings made since it exists.</summary>
    [Id(7)] public LatentTallies LandscapeLatents { get; set; } = new();
}
