namespace CreativeGen.GrainInterfaces.Content;

/// <summary>A stored recipe and the users who received it (only they may fetch its content).</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.RecipeRecord")]
public sealed record RecipeRecord(Recipe Recipe, string[] Recipients, DateTimeOffset CreatedAt);
