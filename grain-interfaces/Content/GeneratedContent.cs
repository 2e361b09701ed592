namespace CreativeGen.GrainInterfaces.Content;

/// <summary>Bytes produced from a recipe.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.GeneratedContent")]
public sealed record GeneratedContent(Recipe Recipe, byte[] Content)
{
    public string RecipeId => Recipe.Id;
}
