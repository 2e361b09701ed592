using System.Security.Cryptography;
using System.Text;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace CreativeGen.Grains.Users;

/// <summary>
/// A user: fills requests from preferences and what their ratings say they like, forwards them to the model grains,
/// records recipes and ratings.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    IOptions<DefaultModelNames> models) : Grain, IUserGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainActivated(nameof(UserGrain));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainDeactivated(nameof(UserGrain));
        return Task.CompletedTask;
    }

    public async Task<bool> RegisterAsync(string apiKeyHash)
    {
        if (state.State.ApiKeyHash is not null) return false;
        state.State.ApiKeyHash = apiKeyHash;
        state.State.CreatedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        return true;
    }

    public Task<bool> AuthenticateAsync(string apiKeyHash) =>
        Task.FromResult(state.State.ApiKeyHash is { } stored
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(apiKeyHash)));

    public Task<UserPreferences> GetPreferencesAsync() => Task.FromResult(state.State.Preferences);

    public async Task<UserPreferences> SetPreferencesAsync(UserPreferences preferences)
    {
        // Labels are checked against the models; a model is only consulted (and loaded) when labels name it.
        OrderResolver.RequireComplete(preferences);
        string[] composers = preferences.Music.Composers is { Length: > 0 } ? (await MusicModel(null).DescribeAsync()).Composers : [];
        string[] categories = preferences.Landscapes.Categories is { Length: > 0 } ? (await LandscapeModel(null).DescribeAsync()).Categories : [];
        state.State.Preferences = OrderResolver.Validate(preferences, composers, categories);
        await state.WriteStateAsync();
        return state.State.Preferences;
    }

    public async Task<GeneratedContent> ComposeMusicAsync(MusicOrder order)
    {
        var model = MusicModel(order.Model);
        var info = await model.DescribeAsync();
        var (parameters, seed) = OrderResolver.Resolve(order, state.State.Preferences.Music, info, TasteProfile.From(state.State.History));
        var result = await model.GenerateAsync(parameters, seed);
        return await RecordAsync(Recipe.ForMusic(info.Name, result.ModelVersion, parameters, seed), result.Content);
    }

    public async Task<GeneratedContent> PaintLandscapeAsync(LandscapeOrder order)
    {
        var model = LandscapeModel(order.Model);
        var info = await model.DescribeAsync();
        var (parameters, seed) = OrderResolver.Resolve(order, state.State.Preferences.Landscapes, info, TasteProfile.From(state.State.History));
        var result = await model.GenerateAsync(parameters, seed);
        return await RecordAsync(Recipe.ForLandscape(info.Name, result.ModelVersion, parameters, seed), result.Content);
    }

    public async Task<HistoryEntry> RateAsync(string recipeId, int stars, string? comment)
    {
        ParameterLimits.Stars(stars);
        ParameterLimits.Comment(comment);
        var index = state.State.History.FindLastIndex(e => e.RecipeId == recipeId);
        if (index < 0)
            throw new GenerationRequestException(GenerationErrorKind.NotFound, $"Recipe '{recipeId}' is not in this user's history.", "recipeId");
        var rated = state.State.History[index] with { Rating = stars, Comment = comment };
        state.State.History[index] = rated;
        await state.WriteStateAsync();
        return rated;
    }

    public Task<HistoryEntry[]> GetHistoryAsync(int limit)
    {
        ParameterLimits.HistoryLimit(limit);
        return Task.FromResult(state.State.History.AsEnumerable().Reverse().Take(limit).ToArray());
    }

    private async Task<GeneratedContent> RecordAsync(Recipe recipe, byte[] content)
    {
        var userId = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<IRecipeGrain>(recipe.Id).RecordAsync(recipe, userId);
        state.State.History.Add(new HistoryEntry(recipe.Id, recipe, DateTimeOffset.UtcNow));
        if (state.State.History.Count > UserState.HistoryCapacity)
            state.State.History.RemoveRange(0, state.State.History.Count - UserState.HistoryCapacity);
        await state.WriteStateAsync();
        return new GeneratedContent(recipe, content);
    }

    private IMusicModelGrain MusicModel(string? name) => GrainFactory.GetGrain<IMusicModelGrain>(ModelName(name, models.Value.Music));

    private ILandscapeModelGrain LandscapeModel(string? name) => GrainFactory.GetGrain<ILandscapeModelGrain>(ModelName(name, models.Value.Landscape));

    private static string ModelName(string? requested, string fallback) =>
        requested is null ? fallback
        : requested.Length is > 0 and <= 64 && requested.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? requested
        : throw GenerationRequestException.Invalid("model", "model must be 1..64 letters, digits, '-', '_' or '.'.");
}
