using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Tokens;

/// <summary>
/// Turns notes into token ids and back. Ids: the representation's own tokens first ([0, <see cref="BaseSize"/>)),
/// then a start token, then (when conditioned) the conditioning tokens. Knows nothing of the network.
/// </summary>
public abstract class MusicTokenizer
{
    protected MusicTokenizer(int trackCount, ConditioningVocabulary? conditioning)
    {
        if (trackCount is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(trackCount), trackCount, "1 to 4 tracks");
        TrackCount = trackCount;
        Conditioning = conditioning;
    }

    public abstract TokenizerKind Kind { get; }

    /// <summary>Number of note tracks the representation keeps apart (e.g. melody and chords).</summary>
    public int TrackCount { get; }

    public ConditioningVocabulary? Conditioning { get; }

    public abstract int BaseSize { get; }

    public int StartToken => BaseSize;

    public int Size => BaseSize + 1 + (Conditioning?.Size ?? 0);

    /// <summary>Tokens that open every sequence: start, then corpus, composer and tempo when conditioned.</summary>
    public int[] Prefix(MusicConditioning conditioning) =>
        Conditioning is null ? [StartToken] : [StartToken, .. Conditioning.Encode(conditioning).Select(id => id + BaseSize + 1)];

    public int PrefixLength => 1 + (Conditioning?.PrefixLength ?? 0);

    /// <summary>The piece's body tokens (no prefix).</summary>
    public abstract int[] Encode(MidiPiece piece);

    /// <summary>Notes of a token stream; prefix and unknown tokens are skipped. Times assume <paramref name="bpm"/> where the tokens count beats.</summary>
    public abstract IReadOnlyList<MidiNote> Decode(IEnumerable<int> tokens, double bpm = 120);

    /// <summary>How far in time a token moves the stream.</summary>
    public abstract double SecondsOf(int token, double bpm = 120);

    public abstract TokenizerSpec ToSpec();

    /// <summary>
    /// For windows cut from the middle of a body: the tokens that restore the state at each of the ascending
    /// <paramref name="positions"/> (what the stream before it left open), placed between the prefix and the window.
    /// None by default: a representation whose tokens carry their own durations leaves nothing open.
    /// </summary>
    public virtual int[][] StatesAt(IReadOnlyList<int> body, IReadOnlyList<int> positions) =>
        positions.Select(_ => Array.Empty<int>()).ToArray();

    /// <summary>Which of the representation's tokens may not come next at the start of a stream (none by default).</summary>
    public virtual bool[] InitialBlocked() => new bool[BaseSize];

    /// <summary>Updates <paramref name="blocked"/> after <paramref name="token"/> (for grammar-constrained sampling).</summary>
    public virtual void UpdateBlocked(bool[] blocked, int token) { }

    public string Describe(int token) =>
        token < BaseSize ? DescribeOwn(token)
        : token == StartToken ? "<start>"
        : $"<cond:{token - BaseSize - 1}>";

    protected abstract string DescribeOwn(int token);

    public static MusicTokenizer FromSpec(TokenizerSpec spec)
    {
        var conditioning = spec.Conditioned ? new ConditioningVocabulary(spec.Corpora, spec.Composers) : null;
        return spec.Kind switch
        {
            TokenizerKind.PerformanceEvents => new PerformanceEventTokenizer(spec.TrackCount, conditioning),
            TokenizerKind.NotesAndChords => new NoteChordTokenizer(spec.Symbols ?? throw new InvalidDataException("notes-and-chords tokenizer without symbols"), conditioning),
            TokenizerKind.PopBars => new PopBarTokenizer(),
            _ => throw new InvalidDataException($"unknown tokenizer kind {spec.Kind}"),
        };
    }

    protected TokenizerSpec BaseSpec(IReadOnlyList<string>? symbols) =>
        new(Kind, TrackCount, Conditioning is not null, Conditioning?.Corpora ?? [], Conditioning?.Composers ?? [], symbols);

    protected static MidiNote NoteAt(int pitch, int velocity, double start, double end, int track, double bpm) =>
        new(pitch, velocity, start, end, start * bpm / 60, end * bpm / 60, track);
}
