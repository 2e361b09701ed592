namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>
/// One syllable set to music: its spelling (a piece of its word), where it sits (line, word, syllable in word),
/// the notes it is sung on (more than one: a melisma), and its lexical stress and beat strength.
/// </summary>
public sealed record SungSyllable(
    string Text,
    string Word,
    int Line,
    int WordIndex,
    int SyllableInWord,
    int SyllablesInWord,
    IReadOnlyList<MelodyNote> Notes,
    int Stress,
    bool OnStrongBeat)
{
    public double StartSeconds => Notes[0].StartSeconds;

    public double EndSeconds => Notes[^1].EndSeconds;

    public double StartBeats => Notes[0].StartBeats;

    public bool StartsWord => SyllableInWord == 0;

    public bool EndsWord => SyllableInWord == SyllablesInWord - 1;
}
