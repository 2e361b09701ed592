using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Grains.Users;

/// <summary>
/// Per label (composer or category), the sum of (stars - 3) and the number of ratings over a user's whole history,
/// kept up to date as ratings come and change, so that <see cref="TasteProfile"/> never needs the paged-out history.
/// Labels are stored lower-case (persisted dictionaries lose their comparer).
/// </summary>
[GenerateSerializer, Alias("CreativeGen.RatingTallies")]
public sealed class RatingTallies
{
    public const int NeutralStars = 3;

    [Id(0)] public Dictionary<string, LabelTally> Music { get; set; } = [];

    [Id(1)] public Dictionary<string, LabelTally> Landscapes { get; set; } = [];

    /// <summary>Music ratings by tempo band (<see cref="TempoBand"/>).</summary>
    [Id(2)] public Dictionary<string, LabelTally> Tempi { get; set; } = [];

    /// <summary>Pop ratings by key ("a minor") and by mode ("minor"), so a liked key also lends to its mode's other keys.</summary>
    [Id(3)] public Dictionary<string, LabelTally> Keys { get; set; } = [];

    [Id(4)] public Dictionary<string, LabelTally> Modes { get; set; } = [];

    /// <summary>Pop ratings by instrument on each track (<see cref="MusicTraits.InstrumentKey"/>), defaults included.</summary>
    [Id(5)] public Dictionary<string, LabelTally> Instruments { get; set; } = [];

    /// <summary>The 10-bpm band a tempo falls in, e.g. "90" for 90..99.9 bpm.</summary>
    public static string TempoBand(double bpm) => ((int)Math.Floor(bpm / 10) * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static RatingTallies From(IEnumerable<HistoryEntry> history)
    {
        var tallies = new RatingTallies();
        foreach (var entry in history) tallies.Count(entry, +1);
        return tallies;
    }

    /// <summary>Replaces the rating <paramref name="before"/> carried (if any) by the one <paramref name="after"/> carries.</summary>
    public void Rerate(HistoryEntry before, HistoryEntry after)
    {
        Count(before, -1);
        Count(after, +1);
    }

    public IReadOnlyDictionary<string, LabelTally> Of(ContentKind kind) => kind == ContentKind.Music ? Music : Landscapes;

    public static string Key(string label) => label.ToLowerInvariant();

    private void Count(HistoryEntry entry, int sign)
    {
        if (entry.Rating is not { } stars) return;
        var (label, tallies) = entry.Recipe.Kind == ContentKind.Music
            ? (entry.Recipe.Music?.Composer, Music)
            : (entry.Recipe.Landscape?.Category, Landscapes);
        if (label is not null) Add(tallies, Key(label), sign * (stars - NeutralStars), sign);
        if (entry.Recipe.Music?.TempoBpm is { } bpm) Add(Tempi, TempoBand(bpm), sign * (stars - NeutralStars), sign);
        if (entry.Recipe.Music is { } music) CountTraits(music, sign * (stars - NeutralStars), sign);
    }

    /// <summary>Key, mode and instruments of a pop piece: the conditioning ratings pull toward (see <see cref="MusicTraits"/>).</summary>
    private void CountTraits(MusicParameters music, int starsAboveNeutral, int ratings)
    {
        if (music.Style != Ml.Music.MusicStyles.Pop) return;
        if (music.Key is { } key)
        {
            Add(Keys, Key(key), starsAboveNeutral, ratings);
            Add(Modes, MusicTraits.Mode(key), starsAboveNeutral, ratings);
        }
        var instruments = MusicTraits.PopInstruments(music.Instruments);
        for (var track = 0; track < instruments.Count; track++)
            Add(Instruments, MusicTraits.InstrumentKey(track, instruments[track]), starsAboveNeutral, ratings);
    }

    private static void Add(Dictionary<string, LabelTally> tallies, string key, int starsAboveNeutral, int ratings)
    {
        var tally = tallies.GetValueOrDefault(key) ?? new LabelTally(0, 0);
        tally = new LabelTally(tally.StarsAboveNeutral + starsAboveNeutral, tally.Ratings + ratings);
        if (tally.Ratings == 0) tallies.Remove(key);
        else tallies[key] = tally;
    }
}

/// <summary>Sum of (stars - 3) and number of ratings for one label.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.LabelTally")]
public sealed record LabelTally(int StarsAboveNeutral, int Ratings);
