namespace CreativeGen.Ml.Music.Tokens;

/// <summary>What a piece is conditioned on: its source corpus, composer and tempo (any may be unknown).</summary>
public sealed record MusicConditioning(string? Corpus, string? Composer, double? Bpm)
{
    public static MusicConditioning None { get; } = new(null, null, null);
}
