using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.GrainInterfaces.Users;

/// <summary>One thing a user received, and how they rated it (null until rated).</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.HistoryEntry")]
public sealed record HistoryEntry(
    string RecipeId,
    Recipe Recipe,
    DateTimeOffset ReceivedAt,
    int? Rating = null,
    string? Comment = null);
