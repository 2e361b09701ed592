using System.Security.Cryptography;
using System.Text;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Personal;
using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Grains.Personal;
using CreativeGen.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace CreativeGen.Grains.Users;

/// <summary>
/// A user: fills requests from preferences and what their ratings say they like, forwards them to the model grains,
/// records recipes and ratings.
/// Experiences (a matched picture and song) are in UserGrain.Experiences.cs, with their own persistent state.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserState> state,
    [PersistentState("experiences", StorageNames.Default)] IPersistentState<Experiences.ExperienceState> experiences,
    IOptions<DefaultModelNames> models,
    IGeneratorCatalog catalog) : Grain, IUserGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CreativeGenMetrics.GrainActivated(nameof(UserGrain));
        if (state.RecordExists && state.State.Layout < UserState.CurrentLayout)
        {
            // A state from before paged history: tally its ratings and move its older entries to pages.
            state.State.Ratings = RatingTallies.From(state.State.History);
            await PageOutAsync();
            state.State.Layout = UserState.CurrentLayout;
            await state.WriteStateAsync();
        }
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
        state.State.Layout = UserState.CurrentLayout;
        await state.WriteStateAsync();
        return true;
    }

    public Task<bool> AuthenticateAsync(string apiKeyHash)
    {
        if (state.State.ApiKeyHash is not { } stored)
        {
            // No such user (a made-up key): keep no activation around for it.
            DeactivateOnIdle();
            return Task.FromResult(false);
        }
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(apiKeyHash)));
    }

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
        // The style picks the model unless the order names one; an unknown or model-less style is refused naming "style".
        var style = StyleFields.Style(order.Style ?? state.State.Preferences.Music.Style, "style");
        order = order with { Style = style };
        var model = MusicModel(order.Model ?? ModelOfStyle(style));
        var info = await model.DescribeAsync();
        var (parameters, seed) = OrderResolver.Resolve(order, state.State.Preferences.Music, info, TasteProfile.From(state.State.Ratings));
        var result = await model.GenerateAsync(parameters, seed);
        return await RecordAsync(Recipe.ForMusic(info.Name, result.ModelVersion, parameters, seed), result.Content);
    }

    public async Task<GeneratedContent> PaintLandscapeAsync(LandscapeOrder order)
    {
        if (order.Model == PersonalModelStore.RequestName) return await PaintPersonalAsync(order);
        var model = LandscapeModel(order.Model);
        var info = await model.DescribeAsync();
        var (parameters, seed) = OrderResolver.Resolve(order, state.State.Preferences.Landscapes, info, TasteProfile.From(state.State.Ratings));
        // A seed left open is drawn near the latents of the pictures the user liked; a seed named is painted as named.
        if (order.Seed is null) seed = state.State.LandscapeLatents.ChooseSeed(seed);
        var result = await model.GenerateAsync(parameters, seed);
        return await RecordAsync(Recipe.ForLandscape(info.Name, result.ModelVersion, parameters, seed), result.Content);
    }

    /// <summary>
    /// From the user's own fine-tuned model, always by version ("personal-&lt;user&gt;@&lt;version&gt;"), so the recipe names
    /// exactly the weights that painted it. Its one category is "personal"; the truncation comes from the preferences.
    /// </summary>
    private async Task<GeneratedContent> PaintPersonalAsync(LandscapeOrder order)
    {
        var userId = this.GetPrimaryKeyString();
        var status = await GrainFactory.GetGrain<IPersonalLandscapeGrain>(userId).GetStatusAsync();
        var version = status.ModelVersion ?? throw new GenerationRequestException(GenerationErrorKind.NotFound,
            $"There is no personal model yet ({status.Phase}): upload photos to /v1/users/{userId}/photos, then POST /v1/users/{userId}/landscape-models.", "model");
        var model = GrainFactory.GetGrain<ILandscapeModelGrain>(ModelKey.Versioned(PersonalModelStore.ModelName(userId), version));
        var info = await model.DescribeAsync();
        var (parameters, seed) = OrderResolver.Resolve(order with { Category = order.Category ?? status.Category }, state.State.Preferences.Landscapes, info);
        var result = await model.GenerateAsync(parameters, seed);
        return await RecordAsync(Recipe.ForLandscape(info.Name, result.ModelVersion, parameters, seed), result.Content);
    }

    public async Task<HistoryEntry> RateAsync(string recipeId, int stars, string? comment)
    {
        ParameterLimits.Stars(stars);
        ParameterLimits.Comment(comment);
        var rated = RatedEntry.RateNewest(state.State.History, recipeId, stars, comment) ?? await RatePagedAsync(recipeId, stars, comment)
            ?? throw new GenerationRequestException(GenerationErrorKind.NotFound, $"Recipe '{recipeId}' is not in this user's history.", "recipeId");
        state.State.Ratings.Rerate(rated.Before, rated.After);
        state.State.LandscapeLatents.Rerate(rated.Before, rated.After);
        await state.WriteStateAsync();
        return rated.After;
    }

    public async Task<HistoryEntry[]> GetHistoryAsync(int limit)
    {
        ParameterLimits.HistoryLimit(limit);
        var newestFirst = state.State.History.AsEnumerable().Reverse().Take(limit).ToList();
        for (var page = state.State.Pages - 1; page >= 0 && newestFirst.Count < limit; page--)
            newestFirst.AddRange((await Page(page).ReadAsync()).Reverse().Take(limit - newestFirst.Count));
        return [.. newestFirst];
    }

    /// <summary>Looks for the recipe in the pages, newest first (rating old results is rare; each page is one call).</summary>
    private async Task<RatedEntry?> RatePagedAsync(string recipeId, int stars, string? comment)
    {
        for (var page = state.State.Pages - 1; page >= 0; page--)
            if (await Page(page).RateAsync(recipeId, stars, comment) is { } rated) return rated;
        return null;
    }

    private async Task<GeneratedContent> RecordAsync(Recipe recipe, byte[] content)
    {
        var userId = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<IRecipeGrain>(recipe.Id).RecordAsync(recipe, userId);
        state.State.History.Add(new HistoryEntry(recipe.Id, recipe, DateTimeOffset.UtcNow));
        await PageOutAsync();
        await state.WriteStateAsync();
        return new GeneratedContent(recipe, content);
    }

    /// <summary>
    /// Moves the oldest full pages out of the recent history. A page is written before the state forgets it, and
    /// writing the same page again replaces it, so a failure in between loses nothing.
    /// </summary>
    private async Task PageOutAsync()
    {
        while (state.State.History.Count >= 2 * UserState.PageSize)
        {
            await Page(state.State.Pages).WriteAsync([.. state.State.History.Take(UserState.PageSize)]);
            state.State.History.RemoveRange(0, UserState.PageSize);
            state.State.Pages++;
        }
    }

    private IUserHistoryPageGrain Page(int number) => GrainFactory.GetGrain<IUserHistoryPageGrain>($"{this.GetPrimaryKeyString()}/{number}");

    private IMusicModelGrain MusicModel(string? name) =>
        GrainFactory.GetGrain<IMusicModelGrain>(AnyReplica(ModelName(name, models.Value.Music, catalog.MusicModels, "music")));

    private string? ModelOfStyle(string style) => style switch
    {
        Ml.Music.MusicStyles.Piano => null,
        Ml.Music.MusicStyles.Pop when catalog.MusicModels.Contains(models.Value.Pop, StringComparer.Ordinal) => models.Value.Pop,
        _ => throw GenerationRequestException.Invalid("style", $"No {style} model is deployed here (models: {string.Join(", ", catalog.MusicModels.Order(StringComparer.Ordinal))})."),
    };

    private ILandscapeModelGrain LandscapeModel(string? name) =>
        GrainFactory.GetGrain<ILandscapeModelGrain>(AnyReplica(ModelName(name, models.Value.Landscape, catalog.LandscapeModels, "landscape")));

    /// <summary>Spreads requests over the model's replica grains (and so over the model-host silos they live on).</summary>
    private string AnyReplica(string name) => ModelKey.Replica(name, Random.Shared.Next(models.Value.Replicas));

    /// <summary>
    /// A model the catalog knows, spelled exactly: every variant of a name would otherwise become a model grain of its
    /// own (with its own calibration and batcher), and an unknown name a failed activation.
    /// </summary>
    private static string ModelName(string? requested, string fallback, IReadOnlyCollection<string> known, string kind) =>
        requested is null ? fallback
        : known.Contains(requested, StringComparer.Ordinal) ? requested
        : throw GenerationRequestException.Invalid("model",
            $"Unknown {kind} model '{(requested.Length <= 64 ? requested : requested[..64] + "…")}'. Known: {string.Join(", ", known.Order(StringComparer.Ordinal))} (names are case-sensitive).");
}
