using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Grains.Content;

/// <summary>A persisted recipe and who received it.</summary>
[GenerateSerializer, Alias("CreativeGen.RecipeState")]
public sealed record RecipeState
{
    [Id(0)] public Recipe? Recipe { get; set; }

    [Id(1)] public List<string> Recipients { get; set; } = [];

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
}
