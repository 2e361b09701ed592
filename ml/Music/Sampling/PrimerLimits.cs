using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// Bounds on a primer. Every primer token is fed through the network one step at a time before sampling starts,
/// so an unbounded primer is an unbounded wait (200,000 notes one tick apart took 121 s). A primer over a bound
/// is rejected, not truncated: the output starts with the primer, and cutting it silently would continue a
/// different piece than the one given. The message says which bound, by how much, so the user can shorten it.
/// </summary>
public static class PrimerLimits
{
    /// <summary>Notes: a dense 10-minute piano piece has about 6,000.</summary>
    public const int MaxNotes = 10_000;

    /// <summary>Music: as long as the longest piece the generator writes.</summary>
    public const double MaxSeconds = MusicGenerator.MaxLengthSeconds;

    /// <summary>Tokens: 10 minutes of piano is about 16,000 performance events; this many take a few seconds to prime.</summary>
    public const int MaxTokens = 32_768;

    /// <summary>Checks the piece before it is tokenized (cheap: a huge primer costs nothing before it is refused).</summary>
    public static void CheckPiece(MidiPiece primer)
    {
        if (primer.Notes.Count > MaxNotes)
            throw new ArgumentException($"primer {primer.Name} has {primer.Notes.Count:N0} notes; at most {MaxNotes:N0} are accepted (shorten it)");
        if (primer.DurationSeconds > MaxSeconds)
            throw new ArgumentException($"primer {primer.Name} lasts {primer.DurationSeconds:F0} s; at most {MaxSeconds:F0} s are accepted (shorten it)");
    }

    public static void CheckTokens(MidiPiece primer, int tokens)
    {
        if (tokens > MaxTokens)
            throw new ArgumentException($"primer {primer.Name} is {tokens:N0} tokens; at most {MaxTokens:N0} are accepted (shorten it)");
    }
}
