using CreativeGen.Ml.Lyrics.Songs;

namespace CreativeGen.Client.Gateway.Lyrics;

/// <summary>One sung syllable: its text, its word, when it is sung and on which MIDI pitches (several: a melisma).</summary>
public sealed record LyricSyllableDocument(string Text, string Word, double StartSeconds, double EndSeconds, int[] Pitches);

/// <summary>One line of the lyrics with its timing.</summary>
public sealed record LyricLineDocument(string Text, double StartSeconds, double EndSeconds, IReadOnlyList<LyricSyllableDocument> Syllables);

/// <summary>The words of a music recipe (GET /v1/content/{recipeId}/lyrics): text, LRC and timed lines.</summary>
public sealed record LyricsDocument(string RecipeId, string Scheme, string? Theme, string LyricModelVersion, string Text, string Lrc, IReadOnlyList<LyricLineDocument> Lines)
{
    public static LyricsDocument From(string recipeId, LyricSong song) => new(
        recipeId,
        song.Song.Lyrics.Scheme,
        song.Song.Lyrics.Theme,
        song.Song.Lyrics.ModelVersion,
        song.Text,
        song.Lrc,
        song.Song.Syllables.GroupBy(s => s.Line).OrderBy(g => g.Key).Select(line => new LyricLineDocument(
            song.Song.Lyrics.Lines[line.Key].Text,
            line.First().StartSeconds,
            line.Last().EndSeconds,
            line.Select(s => new LyricSyllableDocument(s.Text, s.Word, s.StartSeconds, s.EndSeconds, s.Notes.Select(n => n.Pitch).ToArray())).ToArray())).ToArray());
}
