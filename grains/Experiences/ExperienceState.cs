using CreativeGen.GrainInterfaces.Experiences;
using CreativeGen.Grains.Users;

namespace CreativeGen.Grains.Experiences;

/// <summary>
/// A user's experiences (a second persistent state of the user grain, so the user state's layout is untouched): the
/// most recent <see cref="MaxKept"/> experiences and the rating tallies of all of them, which outlive the entries.
/// </summary>
[GenerateSerializer, Alias("CreativeGen.ExperienceState")]
public sealed record ExperienceState
{
    /// <summary>Experiences kept to be fetched again; older ones are forgotten (their parts stay in the history).</summary>
    public const int MaxKept = 200;

    /// <summary>Oldest first.</summary>
    [Id(0)] public List<ExperienceEntry> Entries { get; set; } = [];

    /// <summary>Ratings per trait key (<see cref="ExperienceTaste"/>).</summary>
    [Id(1)] public Dictionary<string, LabelTally> Tallies { get; set; } = [];
}
