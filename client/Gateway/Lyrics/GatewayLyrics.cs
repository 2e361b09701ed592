using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Ml.Lyrics.Singing;
using CreativeGen.Ml.Lyrics.Songs;
using CreativeGen.Ml.Lyrics.Writing;

namespace CreativeGen.Client.Gateway.Lyrics;

/// <summary>
/// Words for music recipes that ask for them: the shipped lyric model (loaded on first use) writes them to the
/// piece's melody, deterministically from the recipe's seed, so a recipe's words and singing regenerate exactly.
/// Lyric generation is cheap next to the music, so it runs here, after the model grain returned the MIDI.
/// </summary>
public sealed class GatewayLyrics : IDisposable
{
    private readonly Lazy<(LyricModel Model, LyricWriter Writer)> loaded = new(() =>
    {
        var model = LyricModel.LoadDefault();
        return (model, new LyricWriter(model));
    });
    private readonly Lock gate = new();

    /// <summary>False where Festival is not installed: sung WAV is then refused (406), MIDI with words still works.</summary>
    public bool CanSing => FestivalSinger.FindTextToWave() is not null;

    public LyricSong Add(GeneratedContent content)
    {
        var lyrics = content.Recipe.Music?.Lyrics ?? throw new InvalidOperationException($"recipe {content.RecipeId} asks for no lyrics");
        lock (gate) return SongLyrics.Add(content.Content, loaded.Value.Writer, new LyricOptions(lyrics.Scheme, lyrics.Theme, content.Recipe.Seed), content.RecipeId);
    }

    /// <summary>The sung song: the voice mixed into the accompaniment's WAV.</summary>
    public byte[] Sing(LyricSong song, byte[] accompanimentWav) => SongLyrics.Sing(song, loaded.Value.Model, accompanimentWav).Mix;

    public string ModelVersion => loaded.Value.Model.Version;

    public void Dispose()
    {
        if (loaded.IsValueCreated) loaded.Value.Model.Dispose();
    }
}
