namespace CreativeGen.Ml.Music.Midi;

/// <summary>
/// One sounding note. Times are in seconds (tempo map applied) and in quarter-note beats (score time).
/// <paramref name="Track"/> is the index of the source track among the tracks that hold notes.
/// </summary>
public sealed record MidiNote(
    int Pitch,
    int Velocity,
    double StartSeconds,
    double EndSeconds,
    double StartBeats,
    double EndBeats,
    int Track = 0,
    int Program = 0,
    int Channel = 0)
{
    public double DurationSeconds => EndSeconds - StartSeconds;
}
