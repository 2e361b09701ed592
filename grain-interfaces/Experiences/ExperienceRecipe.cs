using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.GrainInterfaces.Experiences;

/// <summary>
/// The durable record of one experience: the wish, and the recipe of every part. Each part is an ordinary recipe
/// (recorded in <see cref="IRecipeGrain"/> and the user's history), so the experience regenerates byte-identically
/// part by part through /v1/content; the experience adds only which parts belong together and why.
/// </summary>
/// <param name="Picture">The landscape's recipe.</param>
/// <param name="Song">The music's recipe, its parameters chosen to suit the picture (see <see cref="Match"/>).</param>
/// <param name="Lyrics">
/// The words, when a lyrics model is served: null until then. The seam for lyrics: a recipe of their own, or the song
/// recipe itself when the song carries its words.
/// </param>
[GenerateSerializer, Immutable, Alias("CreativeGen.ExperienceRecipe")]
public sealed record ExperienceRecipe(
    string? Theme,
    string? Mood,
    long Seed,
    Recipe Picture,
    Recipe Song,
    ExperienceMatch Match,
    ExperienceLyrics? Lyrics = null)
{
    public const string IdPrefix = "exp_";

    /// <summary>Content address: 24 hex digits of a SHA-256 over the wish, the seed and the parts' ids.</summary>
    public string Id
    {
        get
        {
            var canonical = string.Join('\n', Theme ?? "", Mood ?? "", Seed.ToString(CultureInfo.InvariantCulture), Picture.Id, Song.Id, Lyrics?.RecipeId ?? "");
            return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..24];
        }
    }

    public static bool IsWellFormedId(string? id) =>
        id is { Length: 28 } && id.StartsWith(IdPrefix, StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept("0123456789abcdef");
}

/// <summary>How the song was matched to the picture, in words a person can read, and the traits the ratings tally.</summary>
/// <param name="Category">The landscape category.</param>
/// <param name="Style">The composer/style label the song is conditioned on (null when the model has none).</param>
/// <param name="TempoBpm">The song's tempo.</param>
/// <param name="Reason">Why these go together, e.g. "sea: flowing, 80-110 bpm, styles like debussy; mood calm: 15% slower".</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.ExperienceMatch")]
public sealed record ExperienceMatch(string Category, string? Style, double TempoBpm, string Reason);

/// <summary>The lyrics part: the recipe whose content carries the words and their timings.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.ExperienceLyrics")]
public sealed record ExperienceLyrics(string RecipeId);

/// <summary>One experience a user received, and their rating (null until rated).</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.ExperienceEntry")]
public sealed record ExperienceEntry(string Id, ExperienceRecipe Recipe, DateTimeOffset CreatedAt, int? Rating = null);
