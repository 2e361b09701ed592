using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Midi;

public class MidiReaderTests
{
    [SkippableFact]
    public void Load_EveryFileOfTheSharedCorpus_LoadsWithNotes()
    {
        var corpus = MidiCorpus.Load(MusicTestData.MusicRoot);
        Assert.Empty(corpus.Rejected);
        // Per the data README: piano-midi 269 + 33, Nottingham 823 + 107, POP909 728 + 94 (three tracks each).
        Assert.Equal(269 + 33, corpus.Pieces.Count(p => p.Corpus == "piano-midi"));
        Assert.Equal(823 + 107, corpus.Pieces.Count(p => p.Corpus == "nottingham"));
        Assert.Equal(728 + 94, corpus.Pieces.Count(p => p.Corpus == "pop909"));
        Assert.All(corpus.Pieces.Where(p => p.Corpus == "pop909"), p => Assert.True(p.Piece.TrackCount >= 3, $"{p.Path}: {p.Piece.TrackCount} tracks"));
        Assert.All(corpus.Pieces, p => Assert.NotEmpty(p.Piece.Notes));
        Assert.Contains(corpus.Pieces, p => p.Composer == "Chopin" && p.Corpus == "piano-midi");
        Assert.Contains(corpus.Pieces, p => p.Corpus == "nottingham" && p.Piece.TrackCount == 2);
        Assert.Contains(corpus.Pieces, p => p.Piece.Pedals.Count > 0);
        Assert.Contains(corpus.Pieces, p => p.Piece.Tempos.Count > 3);
    }

    [Fact]
    public void Read_Type0WithRunningStatusAndVelocityZeroOffs_PairsNotesOnTempoMap()
    {
        // One track: tempo 120 bpm, at beat 1 tempo 60 bpm. Running status note-ons, velocity 0 as note-off,
        // C4 struck again while sounding (ends the first C4), and a stray note-off.
        byte[] track =
        [
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,       // tempo 500000 µs
            0x00, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08, // 3/4
            0x00, 0x90, 60, 100,                            // C4 on at tick 0
            0x00, 64, 50,                                   // running status: E4 on
            0x60, 60, 90,                                   // tick 96 (beat 1): C4 again (restrike)
            0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40,       // tempo 1000000 µs at beat 1
            0x60, 0x90, 64, 0,                              // tick 192: E4 off by velocity 0
            0x00, 0x80, 62, 0,                              // stray note-off of D4
            0x60, 0x80, 60, 0x40,                           // tick 288: C4 off
            0x00, 0xB0, 64, 127,                            // sustain down
        ];
        var piece = MidiReader.Read(MusicTestData.RawMidi(0, 96, track), "handmade.mid");

        Assert.Equal(3, piece.Notes.Count);
        var firstC = piece.Notes.Single(n => n.Pitch == 60 && n.StartSeconds == 0);
        Assert.Equal(0.5, firstC.EndSeconds, 6);
        var secondC = piece.Notes.Single(n => n.Pitch == 60 && n.StartSeconds > 0);
        Assert.Equal(0.5, secondC.StartSeconds, 6);
        Assert.Equal(2.5, secondC.EndSeconds, 6); // two beats at 60 bpm after beat 1
        Assert.Equal(90, secondC.Velocity);
        var e = piece.Notes.Single(n => n.Pitch == 64);
        Assert.Equal(1.5, e.EndSeconds, 6);
        Assert.Equal(50, e.Velocity);
        Assert.Equal(new IngestReport(1, 0, 0, 1), piece.Report);
        Assert.Equal(3, piece.TimeSignatures.Single().Numerator);
        Assert.True(Assert.Single(piece.Pedals).Down);
    }

    [Fact]
    public void Read_Type1_KeepsTrackAndProgramOfEachNote()
    {
        byte[] conductor = [0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20];
        byte[] melody = [0x00, 0xC0, 73, 0x00, 0x90, 72, 80, 0x60, 0x80, 72, 0];
        byte[] chords = [0x00, 0xC1, 0, 0x00, 0x91, 48, 60, 0x00, 0x91, 52, 60, 0x81, 0x40, 0x81, 48, 0, 0x00, 0x81, 52, 0];
        var piece = MidiReader.Read(MusicTestData.RawMidi(1, 96, conductor, melody, chords), "two-tracks.mid");

        Assert.Equal(2, piece.TrackCount);
        var flute = Assert.Single(piece.Notes, n => n.Track == 0);
        Assert.Equal((72, 73), (flute.Pitch, flute.Program));
        Assert.Equal(2, piece.Notes.Count(n => n.Track == 1 && n.Program == 0 && n.EndSeconds == 1.0));
    }
}
