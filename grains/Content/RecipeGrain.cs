using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;

namespace CreativeGen.Grains.Content;

/// <summary>
/// A recipe, the durable record of a piece: content is regenerated from it, never stored. A recipe made by an earlier
/// model version is rendered by that version's model grain (name@version), which loads it from the model archive.
/// </summary>
public sealed class RecipeGrain([PersistentState("recipe", StorageNames.Default)] IPersistentState<RecipeState> state) : Grain, IRecipeGrain
{
    public async Task RecordAsync(Recipe recipe, string userId)
    {
        if (recipe.Id != this.GetPrimaryKeyString())
            throw GenerationRequestException.Invalid("recipeId", $"Recipe id {recipe.Id} does not match grain {this.GetPrimaryKeyString()}.");
        if (state.State.Recipe is not null && state.State.Recipients.Contains(userId)) return;
        if (state.State.Recipe is null)
        {
            state.State.Recipe = recipe;
            state.State.CreatedAt = DateTimeOffset.UtcNow;
        }
        state.State.Recipients.Add(userId);
        await state.WriteStateAsync();
    }

    public Task<RecipeRecord?> GetAsync() =>
        Task.FromResult(state.State.Recipe is { } recipe ? new RecipeRecord(recipe, [.. state.State.Recipients], state.State.CreatedAt) : null);

    public async Task<GeneratedContent> RenderAsync()
    {
        var recipe = state.State.Recipe
            ?? throw new GenerationRequestException(GenerationErrorKind.NotFound, $"No recipe '{this.GetPrimaryKeyString()}'.", "recipeId");
        GeneratedBytes result;
        if (recipe.Kind == ContentKind.Music)
        {
            var model = GrainFactory.GetGrain<IMusicModelGrain>(recipe.ModelName);
            if ((await model.DescribeAsync()).Version != recipe.ModelVersion)
                model = GrainFactory.GetGrain<IMusicModelGrain>(ModelKey.Versioned(recipe.ModelName, recipe.ModelVersion));
            result = await model.GenerateAsync(recipe.Music!, recipe.Seed);
        }
        else
        {
            var model = GrainFactory.GetGrain<ILandscapeModelGrain>(recipe.ModelName);
            if ((await model.DescribeAsync()).Version != recipe.ModelVersion)
                model = GrainFactory.GetGrain<ILandscapeModelGrain>(ModelKey.Versioned(recipe.ModelName, recipe.ModelVersion));
            result = await model.GenerateAsync(recipe.Landscape!, recipe.Seed);
        }
        EnsureVersion(recipe, result.ModelVersion);
        return new GeneratedContent(recipe, result.Content);
    }

    private static void EnsureVersion(Recipe recipe, string loadedVersion)
    {
        if (loadedVersion != recipe.ModelVersion)
            throw new GenerationRequestException(GenerationErrorKind.Gone,
                $"Recipe {recipe.Id} was made by {recipe.ModelName} version {recipe.ModelVersion}; version {loadedVersion} is loaded now, so it cannot be regenerated exactly.");
    }
}
