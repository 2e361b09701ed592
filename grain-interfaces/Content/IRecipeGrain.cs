namespace CreativeGen.GrainInterfaces.Content;

/// <summary>A recipe (key: recipe id): the durable record from which content is regenerated.</summary>
[Alias("CreativeGen.IRecipeGrain")]
public interface IRecipeGrain : IGrainWithStringKey
{
    /// <summary>Stores the recipe (idempotent) and adds <paramref name="userId"/> to its recipients.</summary>
    [Alias("Record")]
    Task RecordAsync(Recipe recipe, string userId);

    /// <summary>The stored recipe, or null if none has this id.</summary>
    [Alias("Get")]
    Task<RecipeRecord?> GetAsync();

    /// <summary>Regenerates the content; throws <see cref="GenerationRequestException"/> (NotFound, Gone) if it cannot.</summary>
    [Alias("Render")]
    Task<GeneratedContent> RenderAsync();
}
