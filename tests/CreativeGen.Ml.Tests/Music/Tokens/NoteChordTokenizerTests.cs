using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Tests.Music.Tokens;

public class NoteChordTokenizerTests
{
    [SkippableFact]
    public void RoundTrip_NotesAndChords_PreservesQuantizedOnsetsAndPitches()
    {
        var train = MusicTestData.Files(MusicTestData.PianoTrain, 6, stride: 45).Select(MidiReader.Read).ToList();
        var tokenizer = NoteChordTokenizer.Build(train, minCount: 1);

        foreach (var piece in train.Take(3))
        {
            var tokens = tokenizer.Encode(piece);
            Assert.DoesNotContain(0, tokens); // all symbols of the training split are known
            var notes = tokenizer.Decode(tokens, bpm: 120);

            // Onset grid positions and pitches survive exactly (a sixteenth lasts 0.125 s at 120 bpm).
            var expected = piece.Notes.Select(n => ((long)Math.Round(n.StartBeats * 4), n.Pitch)).Distinct().Order().ToList();
            var actual = notes.Select(n => ((long)Math.Round(n.StartSeconds / 0.125), n.Pitch)).Order().ToList();
            Assert.Equal(expected, actual);
            // Decoding and encoding again gives the same tokens.
            Assert.Equal(tokens, tokenizer.Encode(piece.WithNotes(notes)));
        }
    }

    [Fact]
    public void Encode_SilenceBetweenNotes_WritesExplicitRests()
    {
        MidiNote Note(int pitch, double startBeat, double endBeat) => new(pitch, 80, startBeat / 2, endBeat / 2, startBeat, endBeat);
        var piece = new MidiPiece("x", [Note(60, 0, 1), Note(64, 0, 0.5), Note(67, 2, 2.25), Note(72, 2.25, 8)], [], [], [], 1, new IngestReport(0, 0, 0, 0));

        var symbols = NoteChordTokenizer.Symbolize(piece).ToList();

        Assert.Equal(["60.64:4", "+4", "R4", "67:1", "+1", "72:16"], symbols);
    }

    [Fact]
    public void Encode_UnseenChord_FallsBackToTopNoteOrUnknown()
    {
        MidiNote Note(int pitch, double startBeat) => new(pitch, 80, startBeat / 2, startBeat / 2 + 0.5, startBeat, startBeat + 1);
        var training = new MidiPiece("t", [Note(72, 0), Note(60, 1)], [], [], [], 1, new IngestReport(0, 0, 0, 0));
        var tokenizer = NoteChordTokenizer.Build([training], minCount: 1);
        var unseen = new MidiPiece("u", [Note(60, 0), Note(64, 0), Note(72, 0), Note(61, 1)], [], [], [], 1, new IngestReport(0, 0, 0, 0));

        var described = tokenizer.Encode(unseen).Select(tokenizer.Describe).ToList();

        Assert.Equal(["72:4", "+4", "<unk>"], described);
    }
}
