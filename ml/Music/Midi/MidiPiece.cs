namespace CreativeGen.Ml.Music.Midi;

/// <summary>A tempo change: from <paramref name="Seconds"/> on, a quarter note lasts 60/<paramref name="Bpm"/> seconds.</summary>
public sealed record TempoChange(double Seconds, double Beats, double Bpm);

/// <summary>A time-signature change at a position in beats.</summary>
public sealed record TimeSignature(double Beats, int Numerator, int Denominator);

/// <summary>The sustain pedal (controller 64) going down or up on a channel.</summary>
public sealed record PedalEvent(double Seconds, int Channel, bool Down);

/// <summary>What ingest dropped or repaired in a file, so that data stages can report it.</summary>
public sealed record IngestReport(int UnmatchedNoteOffs, int UnclosedNoteOns, int ZeroLengthNotes, int RestruckOverlaps);

/// <summary>A MIDI file read into notes on one merged timeline, with its tempo map, meters and pedal.</summary>
public sealed record MidiPiece(
    string Name,
    IReadOnlyList<MidiNote> Notes,
    IReadOnlyList<TempoChange> Tempos,
    IReadOnlyList<TimeSignature> TimeSignatures,
    IReadOnlyList<PedalEvent> Pedals,
    int TrackCount,
    IngestReport Report)
{
    /// <summary>Where the last note ends.</summary>
    public double DurationSeconds => Notes.Count == 0 ? 0 : Notes.Max(note => note.EndSeconds);

    /// <summary>Tempo at the first note (or the first tempo event).</summary>
    public double InitialBpm => Tempos.Count == 0 ? 120 : Tempos[0].Bpm;

    /// <summary>The same piece with other notes (tempo map and meta data kept).</summary>
    public MidiPiece WithNotes(IReadOnlyList<MidiNote> notes) => this with { Notes = notes };
}
