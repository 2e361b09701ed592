using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Music.Data;

/// <summary>A training or validation split that can turn itself into a (possibly augmented) token stream.</summary>
public interface ITokenSource
{
    int Count { get; }

    /// <summary>The split's token stream; <paramref name="augment"/> null = as it is (validation).</summary>
    TokenWindows Stream(MusicTokenizer tokenizer, TrainingOptions options, Random? augment);
}

/// <summary>Plain MIDI pieces (piano, folk): transposition and tempo stretch as <see cref="TokenWindows"/> does them.</summary>
public sealed class MidiTokenSource(IReadOnlyList<CorpusPiece> pieces) : ITokenSource
{
    public IReadOnlyList<CorpusPiece> Pieces => pieces;

    public int Count => pieces.Count;

    public TokenWindows Stream(MusicTokenizer tokenizer, TrainingOptions options, Random? augment) =>
        new(tokenizer, pieces, options.ApplySustain, augment, options.Transpose, options.TempoStretch);
}

/// <summary>
/// Annotated POP909 songs: augmentation transposes notes, chords and key together (so every song is seen in many
/// keys and the key token means the key, not the song) and stretches the tempo token's bpm.
/// </summary>
public sealed class PopTokenSource(IReadOnlyList<PopSong> songs) : ITokenSource
{
    public IReadOnlyList<PopSong> Songs => songs;

    public int Count => songs.Count;

    public TokenWindows Stream(MusicTokenizer tokenizer, TrainingOptions options, Random? augment)
    {
        var pop = tokenizer as PopBarTokenizer ?? throw new ArgumentException("pop songs need the pop bar tokenizer", nameof(tokenizer));
        var sequences = new List<(int[] Prefix, int[] Body, double Seconds)>();
        foreach (var song in songs)
        {
            var version = song;
            if (augment is not null)
            {
                var semitones = options.Transpose == 0 ? 0 : augment.Next(-options.Transpose, options.Transpose + 1);
                var factor = options.TempoStretch == 0 ? 1 : 1 + (augment.NextDouble() * 2 - 1) * options.TempoStretch;
                version = song.Transpose(semitones) with { Bpm = song.Bpm / factor };
            }
            sequences.Add((tokenizer.Prefix(MusicConditioning.None), pop.EncodeSong(version), version.BarCount * PopSong.BeatsPerBar * 60 / version.Bpm));
        }
        return TokenWindows.FromSequences(tokenizer, sequences);
    }
}
