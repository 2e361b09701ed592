using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Client.Gateway.Endpoints;

internal static class RecipeIds
{
    /// <summary>The id if well formed; otherwise a 400 naming the expected shape.</summary>
    public static string Require(string? recipeId) =>
        Recipe.IsWellFormedId(recipeId)
            ? recipeId!
            : throw GenerationRequestException.Invalid("recipeId", "recipeId must look like mus_… or img_… followed by 24 hex digits (as returned in X-Recipe-Id).");
}
