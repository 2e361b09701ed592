using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Data;

/// <summary>Data augmentation: transposition by whole semitones and tempo stretch (time scaling).</summary>
public static class PieceAugmentation
{
    /// <summary>Moves every pitch by <paramref name="semitones"/> (notes leaving 0..127 are dropped) and scales time by <paramref name="stretch"/> (&gt; 1 = slower).</summary>
    public static MidiPiece Apply(MidiPiece piece, int semitones, double stretch)
    {
        if (semitones == 0 && stretch == 1) return piece;
        var notes = piece.Notes
            .Where(n => n.Pitch + semitones is >= 0 and <= 127)
            .Select(n => n with { Pitch = n.Pitch + semitones, StartSeconds = n.StartSeconds * stretch, EndSeconds = n.EndSeconds * stretch })
            .ToList();
        return piece.WithNotes(notes);
    }

    /// <summary>Average tempo over the piece (beats per minute of wall time).</summary>
    public static double AverageBpm(MidiPiece piece)
    {
        var seconds = piece.Notes.Max(n => n.EndSeconds);
        var beats = piece.Notes.Max(n => n.EndBeats);
        return seconds > 0 && beats > 0 ? beats / seconds * 60 : 120;
    }
}
