using CreativeGen.Ml.Lyrics.Writing;

namespace CreativeGen.Ml.Lyrics.Melody;

/// <summary>A melody with words: its phrases' syllable slots, the written lyrics, and every syllable on its notes.</summary>
public sealed record SungSong(IReadOnlyList<SyllableSlots> Slots, WrittenLyrics Lyrics, IReadOnlyList<SungSyllable> Syllables);

/// <summary>
/// Sets lyrics to any melody given as a note list: finds its phrases, turns each into a line constraint (one
/// syllable per note, melismas only for notes beyond <see cref="SyllableSlots.MaxSyllables"/>, stresses wanted on
/// strong beats), writes the lines (rhymes fall on the phrase ends, as every line ends its phrase), then lays the
/// syllables on the notes.
/// </summary>
public static class LyricSetter
{
    public static SungSong Set(LyricWriter writer, IReadOnlyList<MelodyNote> melody, string scheme, string? theme, long seed, double beatsPerBar = 4)
    {
        if (melody.Count == 0) throw new ArgumentException("the melody has no notes to sing", nameof(melody));
        var slots = PhraseFinder.Find(melody, beatsPerBar).Select(p => SyllableSlots.For(p, beatsPerBar)).ToList();
        var request = new LyricRequest(slots.Select(s => new LineConstraint(s.Strong)).ToArray(), scheme, theme, seed);
        var lyrics = writer.Write(request);
        return new SungSong(slots, lyrics, Lay(slots, lyrics, writer.Model));
    }

    public static IReadOnlyList<SungSyllable> Lay(IReadOnlyList<SyllableSlots> slots, WrittenLyrics lyrics, LyricModel model)
    {
        var sung = new List<SungSyllable>();
        for (var line = 0; line < slots.Count; line++)
        {
            var written = lyrics.Lines[line];
            if (written.Syllables != slots[line].Syllables)
                throw new InvalidOperationException($"line {line + 1} has {written.Syllables} syllables for {slots[line].Syllables} notes");
            var slot = 0;
            for (var w = 0; w < written.Words.Count; w++)
            {
                var word = written.Words[w];
                var count = written.WordSyllables[w];
                var pieces = SpellingSyllables.Split(word, count);
                var stresses = model.Lexicon.Primary(word).Stresses;
                for (var k = 0; k < count; k++, slot++)
                    sung.Add(new SungSyllable(pieces[k], word, line, w, k, count, slots[line].NotesOf(slot), stresses[k], slots[line].Strong[slot]));
            }
        }
        return sung;
    }
}
