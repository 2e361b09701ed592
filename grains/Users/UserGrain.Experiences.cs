using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.Grains.Experiences;

namespace CreativeGen.Grains.Users;

/// <summary>Experiences: one wish becomes a picture, a song matched to it and words about the scene sung to its melody (<see cref="ExperiencePlanner"/>).</summary>
public sealed partial class UserGrain
{
    public async Task<ExperienceEntry> CreateExperienceAsync(ExperienceOrder order)
    {
        var (music, landscape) = (MusicModel(null), LandscapeModel(null));
        var (musicInfo, landscapeInfo) = (await music.DescribeAsync(), await landscape.DescribeAsync());
        var plan = ExperiencePlanner.Make(order, state.State.Preferences, landscapeInfo.Categories, musicInfo.Composers,
            TasteProfile.From(state.State.Ratings), new ExperienceTaste(experiences.State.Tallies));

        // The parts resolve like any request with everything named, so their recipes are ordinary ones; both models run at once.
        var (pictureParameters, pictureSeed) = OrderResolver.Resolve(plan.Picture, state.State.Preferences.Landscapes, landscapeInfo);
        // The song is sung: words themed on the scene, so the lyrics are about the picture.
        var sungOrder = plan.Song with { Lyrics = true, Theme = plan.Category };
        var (songParameters, songSeed) = OrderResolver.Resolve(sungOrder, state.State.Preferences.Music, musicInfo);
        var painting = landscape.GenerateAsync(pictureParameters, pictureSeed);
        var composing = music.GenerateAsync(songParameters, songSeed);
        var (picture, song) = (await painting, await composing);
        var pictureRecipe = Recipe.ForLandscape(landscapeInfo.Name, picture.ModelVersion, pictureParameters, pictureSeed);
        var songRecipe = Recipe.ForMusic(musicInfo.Name, song.ModelVersion, songParameters, songSeed);
        await RecordAsync(pictureRecipe, picture.Content);
        await RecordAsync(songRecipe, song.Content);

        var recipe = new ExperienceRecipe(plan.Theme, plan.Mood, plan.Seed, pictureRecipe, songRecipe,
            new ExperienceMatch(plan.Category, plan.Style, plan.TempoBpm, plan.Reason), new ExperienceLyrics(songRecipe.Id));
        var entry = new ExperienceEntry(recipe.Id, recipe, DateTimeOffset.UtcNow);
        experiences.State.Entries.Add(entry);
        if (experiences.State.Entries.Count > ExperienceState.MaxKept) experiences.State.Entries.RemoveAt(0);
        await experiences.WriteStateAsync();
        return entry;
    }

    public Task<ExperienceEntry?> GetExperienceAsync(string experienceId) =>
        Task.FromResult(experiences.State.Entries.LastOrDefault(e => e.Id == experienceId));

    public Task<ExperienceEntry[]> GetExperiencesAsync(int limit)
    {
        ParameterLimits.HistoryLimit(limit);
        return Task.FromResult<ExperienceEntry[]>([.. experiences.State.Entries.AsEnumerable().Reverse().Take(limit)]);
    }

    public async Task<ExperienceEntry> RateExperienceAsync(string experienceId, int stars)
    {
        ParameterLimits.Stars(stars);
        var index = experiences.State.Entries.FindLastIndex(e => e.Id == experienceId);
        if (index < 0)
            throw new GenerationRequestException(GenerationErrorKind.NotFound, $"Experience '{experienceId}' is not among this user's experiences.", "experienceId");
        var before = experiences.State.Entries[index];
        var after = before with { Rating = stars };
        experiences.State.Entries[index] = after;
        new ExperienceTaste(experiences.State.Tallies).Rerate(before, after);
        await experiences.WriteStateAsync();
        return after;
    }
}
