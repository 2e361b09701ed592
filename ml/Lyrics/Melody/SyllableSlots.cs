namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>
/// Where a line's syllables go in a phrase: <see cref="Onsets"/> are the notes that start a syllable, and each
/// syllable holds its note plus any following notes up to the next onset (a melisma). Strong flags say which
/// syllables fall on strong beats.
/// </summary>
public sealed record SyllableSlots(MelodyPhrase Phrase, IReadOnlyList<int> Onsets, IReadOnlyList<bool> Strong)
{
    /// <summary>The most syllables a line is given: phrases with more notes sing the extra ones as melismas.</summary>
    public const int MaxSyllables = 12;

    public int Syllables => Onsets.Count;

    /// <summary>The notes syllable <paramref name="index"/> is sung on (its onset note and the melisma after it).</summary>
    public IReadOnlyList<MelodyNote> NotesOf(int index)
    {
        var end = index + 1 < Onsets.Count ? Onsets[index + 1] : Phrase.Notes.Count;
        return Phrase.Notes.Skip(Onsets[index]).Take(end - Onsets[index]).ToArray();
    }

    /// <summary>
    /// One syllable per note; when the phrase has more than <see cref="MaxSyllables"/> notes, the notes on the
    /// weakest beats (the latest first among equals, never the first note) continue the syllable before them.
    /// Strong beats: the syllables whose metrical weight is above the phrase's lowest; when all weigh the same
    /// (e.g. every note on a beat), every other syllable from the first.
    /// </summary>
    public static SyllableSlots For(MelodyPhrase phrase, double beatsPerBar = 4)
    {
        var weights = phrase.Notes.Select(n => MetricalWeight(n.StartBeats, beatsPerBar)).ToArray();
        var extra = Math.Max(0, phrase.Notes.Count - MaxSyllables);
        var melisma = Enumerable.Range(1, phrase.Notes.Count - 1)
            .OrderBy(i => weights[i]).ThenByDescending(i => i)
            .Take(extra).ToHashSet();
        var onsets = Enumerable.Range(0, phrase.Notes.Count).Where(i => !melisma.Contains(i)).ToArray();
        var onsetWeights = onsets.Select(i => weights[i]).ToArray();
        var lowest = onsetWeights.Min();
        var strong = onsetWeights.All(w => w == lowest)
            ? onsets.Select((_, k) => k % 2 == 0).ToArray()
            : onsetWeights.Select(w => w > lowest).ToArray();
        return new SyllableSlots(phrase, onsets, strong);
    }

    /// <summary>4 on the downbeat, 3 mid-bar, 2 on other beats, 1 on half beats, 0 finer.</summary>
    public static int MetricalWeight(double beats, double beatsPerBar)
    {
        var position = beats - Math.Floor(beats / beatsPerBar + 1e-6) * beatsPerBar;
        if (PhraseFinder.IsOnGrid(position, beatsPerBar)) return 4;
        if (PhraseFinder.IsOnGrid(position, beatsPerBar / 2)) return 3;
        if (PhraseFinder.IsOnGrid(position, 1)) return 2;
        return PhraseFinder.IsOnGrid(position, 0.5) ? 1 : 0;
    }
}
