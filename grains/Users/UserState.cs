using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>A user's persisted state: the hash of its API key (never the key), preferences, and history.</summary>
[GenerateSerializer, Alias("CreativeGen.UserState")]
public sealed record UserState
{
    /// <summary>Entries kept; the oldest are dropped beyond this.</summary>
    public const int HistoryCapacity = 1000;

    [Id(0)] public string? ApiKeyHash { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public UserPreferences Preferences { get; set; } = UserPreferences.Default;

    [Id(3)] public List<HistoryEntry> History { get; set; } = [];
}
