namespace CreativeGen.Ml.Music.Tokens;

/// <summary>The kinds of token stream a model can be trained on.</summary>
public enum TokenizerKind
{
    /// <summary>Timed performance events: note-on, note-off, 10 ms time shifts, 32 velocity bins.</summary>
    PerformanceEvents,

    /// <summary>The seed's representation: notes and chords with quantized durations, offsets and explicit rests.</summary>
    NotesAndChords,

    /// <summary>Three-part pop songs on a bar/position grid with key, tempo and per-beat chord tokens.</summary>
    PopBars,
}

/// <summary>Everything needed to rebuild a tokenizer; stored in checkpoints as JSON.</summary>
public sealed record TokenizerSpec(
    TokenizerKind Kind,
    int TrackCount,
    bool Conditioned,
    IReadOnlyList<string> Corpora,
    IReadOnlyList<string> Composers,
    IReadOnlyList<string>? Symbols);
