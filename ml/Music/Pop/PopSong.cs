namespace CreativeGen.Ml.Music.Pop;

/// <summary>The three parts of a POP909 arrangement, in token order.</summary>
public enum PopPart
{
    Melody,
    Bridge,
    Piano,
}

/// <summary>A note on the beat grid: start and duration in sixteenths (4 per beat) from the first bar line.</summary>
public sealed record PopNote(PopPart Part, int Pitch, int Start, int Duration);

/// <summary>
/// A song on its beat grid: 4/4 bars of 16 sixteenths counted from the first bar line, notes per part, one chord
/// per beat (null = none), the main key and the tempo (from the beat times). Knows nothing of tokens.
/// </summary>
public sealed record PopSong(string Name, MusicKey Key, double Bpm, int BarCount, IReadOnlyList<PopNote> Notes, IReadOnlyList<Chord?> BeatChords)
{
    public const int StepsPerBeat = 4;
    public const int BeatsPerBar = 4;
    public const int StepsPerBar = StepsPerBeat * BeatsPerBar;

    /// <summary>Moves notes, chords and key by <paramref name="semitones"/>; notes leaving 0..127 are dropped.</summary>
    public PopSong Transpose(int semitones)
    {
        if (semitones == 0) return this;
        return this with
        {
            Key = Key.Transpose(semitones),
            Notes = [.. Notes.Where(n => n.Pitch + semitones is >= 0 and <= 127).Select(n => n with { Pitch = n.Pitch + semitones })],
            BeatChords = [.. BeatChords.Select(c => c?.Transpose(semitones))],
        };
    }
}
