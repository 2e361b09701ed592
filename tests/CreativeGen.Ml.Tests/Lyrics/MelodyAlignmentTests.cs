using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Tests.Music;

namespace CreativeGen.Ml.Tests.Lyrics;

public class MelodyAlignmentTests
{
    /// <summary>POP909 song 001's MELODY track (the first note track) and a Nottingham tune's melody (its first track).</summary>
    public static IEnumerable<object[]> RealMelodies() =>
    [
        ["pop909/train/001/001.mid"],
        ["nottingham/train/ashover1.mid"],
    ];

    [SkippableTheory]
    [MemberData(nameof(RealMelodies))]
    public void RealMelodies_SplitIntoSingablePhrasesWithOneSyllablePerNote(string file)
    {
        var piece = MidiReader.Read(Path.Combine(MusicTestData.MusicRoot, file));
        var melody = MelodyLine.FromTrack(piece.Notes, track: 0);
        var phrases = PhraseFinder.Find(melody);

        Assert.Equal(melody.Count, phrases.Sum(p => p.Notes.Count));  // every note is in exactly one phrase, in order
        Assert.Equal(melody, phrases.SelectMany(p => p.Notes));
        Assert.True(phrases.Count >= 8, $"{phrases.Count} phrases");
        foreach (var phrase in phrases)
        {
            var slots = SyllableSlots.For(phrase);
            // One syllable per note; melismas only where the phrase has more notes than a line may have syllables.
            Assert.Equal(Math.Min(phrase.Notes.Count, SyllableSlots.MaxSyllables), slots.Syllables);
            Assert.Equal(0, slots.Onsets[0]);
            Assert.Equal(phrase.Notes.Count, Enumerable.Range(0, slots.Syllables).Sum(i => slots.NotesOf(i).Count));
            Assert.Contains(true, slots.Strong);
        }
        // Phrase ends are breaths: after each phrase but the last, a rest, a long note or a bar line follows (or a short phrase was joined).
        Assert.All(phrases.Take(phrases.Count - 1), p => Assert.InRange(p.Notes.Count, PhraseFinder.MinNotes, PhraseFinder.MaxNotes + PhraseFinder.MinNotes));
    }

    [Fact]
    public void OnBeatNotes_AreStrongAndOffbeatsWeak()
    {
        // Eighth notes from the downbeat: on-beat syllables strong, off-beat weak.
        var notes = Enumerable.Range(0, 8).Select(i => new MelodyNote(60 + i, i * 0.5, i * 0.5 + 0.5, i * 0.25, i * 0.25 + 0.25)).ToArray();
        var slots = SyllableSlots.For(new MelodyPhrase(notes));
        Assert.Equal([true, false, true, false, true, false, true, false], slots.Strong);
    }

    [Fact]
    public void LongPhrase_GetsMelismasOnItsWeakestNotes()
    {
        // 16 sixteenth notes: 12 syllables, the 4 extra notes on the weakest (finest) positions continue the syllable before.
        var notes = Enumerable.Range(0, 16).Select(i => new MelodyNote(60, i * 0.25, i * 0.25 + 0.25, i * 0.125, i * 0.125 + 0.125)).ToArray();
        var slots = SyllableSlots.For(new MelodyPhrase(notes));
        Assert.Equal(12, slots.Syllables);
        Assert.All(Enumerable.Range(0, 16).Except(slots.Onsets), i => Assert.Equal(0, SyllableSlots.MetricalWeight(notes[i].StartBeats, 4)));
    }

    [Fact]
    public void Rests_AndLongNotes_EndPhrases()
    {
        MelodyNote Note(double start, double beats) => new(60, start, start + beats, start / 2, (start + beats) / 2);
        var melody = new[] { Note(0, 1), Note(1, 1), Note(2, 1), Note(3, 1), Note(5, 1), Note(6, 1), Note(7, 1), Note(8, 2), Note(10, 1), Note(11, 1), Note(12, 1), Note(13, 1) };
        var phrases = PhraseFinder.Find(melody);
        Assert.Equal([4, 4, 4], phrases.Select(p => p.Notes.Count));
    }

    [Fact]
    public void TopLine_TakesTheHighestNoteOfEachOnset()
    {
        MidiNote Note(int pitch, double start, double end) => new(pitch, 80, start / 2, end / 2, start, end);
        var line = MelodyLine.TopLine([Note(48, 0, 2), Note(64, 0, 1), Note(67, 1, 2), Note(52, 1, 2), Note(60, 2, 3)]);
        Assert.Equal([64, 67, 60], line.Select(n => n.Pitch));
    }

    [Theory]
    [InlineData("river", 2, "ri|ver")]
    [InlineData("mountain", 2, "moun|tain")]
    [InlineData("stone", 1, "stone")]
    [InlineData("remember", 3, "re|mem|ber")]
    public void Spelling_SplitsIntoTheCountedSyllables(string word, int syllables, string expected) =>
        Assert.Equal(expected, string.Join('|', SpellingSyllables.Split(word, syllables)));
}
