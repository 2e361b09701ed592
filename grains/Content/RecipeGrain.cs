using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Personal;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Grains.Personal;

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
        // The current model first (the usual case); a pinned archived version when the recipe is older, or when a hot
        // swap replaced the current version between the two calls.
        // A personal model has no current version; its owner's grain says whether this one is still kept (not deleted).
        var personalOwner = PersonalModelStore.UserOf(recipe.ModelName);
        if (personalOwner is not null) await GrainFactory.GetGrain<IPersonalLandscapeGrain>(personalOwner).RequireVersionAsync(recipe.ModelVersion);
        var result = (personalOwner is null ? await GenerateAsync(recipe, recipe.ModelName, onlyIfVersionMatches: true) : null)
            ?? await GenerateAsync(recipe, ModelKey.Versioned(recipe.ModelName, recipe.ModelVersion), onlyIfVersionMatches: false);
        EnsureVersion(recipe, result!.ModelVersion);
        return new GeneratedContent(recipe, result.Content);
    }

    private async Task<GeneratedBytes?> GenerateAsync(Recipe recipe, string modelKey, bool onlyIfVersionMatches)
    {
        GeneratedBytes result;
        if (recipe.Kind == ContentKind.Music)
        {
            var model = GrainFactory.GetGrain<IMusicModelGrain>(modelKey);
            if (onlyIfVersionMatches && (await model.DescribeAsync()).Version != recipe.ModelVersion) return null;
            result = await model.GenerateAsync(recipe.Music!, recipe.Seed);
        }
        else
        {
            var model = GrainFactory.GetGrain<ILandscapeModelGrain>(modelKey);
            if (onlyIfVersionMatches && (await model.DescribeAsync()).Version != recipe.ModelVersion) return null;
            result = await model.GenerateAsync(recipe.Landscape!, recipe.Seed);
        }
        return !onlyIfVersionMatches || result.ModelVersion == recipe.ModelVersion ? result : null;
    }

    private static void EnsureVersion(Recipe recipe, string loadedVersion)
    {
        if (loadedVersion != recipe.ModelVersion)
            throw new GenerationRequestException(GenerationErrorKind.Gone,
                $"Recipe {recipe.Id} was made by {recipe.ModelName} version {recipe.ModelVersion}; version {loadedVersion} is loaded now, so it cannot be regenerated exactly.");
    }
}
