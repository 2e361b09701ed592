using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Tests.Music.Pop;

public class PopBarTokenizerTests
{
    private readonly PopBarTokenizer tokenizer = new();

    [SkippableFact]
    public void RoundTrip_RealPop909Songs_KeepsPartsBarsPositionsAndChords()
    {
        foreach (var folder in PopTestData.Songs(PopTestData.Train, 4))
        {
            var song = PopSongReader.Read(folder);
            var tokens = tokenizer.EncodeSong(song);

            Assert.Equal(PopBarTokenizer.KeyToken(song.Key), tokens[0]);
            Assert.Equal(song.BarCount - 1, tokens.Count(t => t == PopBarTokenizer.BarToken));
            // Every note comes back in its own part, bar and sixteenth, with its pitch; durations to the nearest grid value.
            var decoded = tokenizer.DecodeGrid(tokens);
            var expected = song.Notes.Where(n => n.Pitch is >= 21 and <= 108)
                .Select(n => (n.Part, n.Pitch, n.Start, PopBarTokenizer.Durations[PopBarTokenizer.NearestDuration(n.Duration)])).ToList();
            Assert.Equal(expected, decoded.Select(n => (n.Part, n.Pitch, n.Start, n.Duration)).ToList());
            Assert.Equal(song.BeatChords, PopBarTokenizer.DecodeChords(tokens));
            // All three parts of a POP909 arrangement are present and kept apart.
            Assert.Equal(3, decoded.Select(n => n.Part).Distinct().Count());
            // Re-encoding the decoded song gives the same tokens.
            Assert.Equal(tokens, tokenizer.EncodeSong(song with { Notes = decoded }));
        }
    }

    [SkippableFact]
    public void RealSong_NotesFallOnTheAnnotatedBeatGrid()
    {
        var folder = PopTestData.Songs(PopTestData.Train, 1)[0];
        var piece = MidiReader.Read(Directory.GetFiles(folder, "*.mid")[0]);
        var grid = new BeatGrid(PopAnnotations.ReadBeats(Path.Combine(folder, "beat_midi.txt")));

        // Beat-aligned files: onsets sit within a tenth of a sixteenth of the grid (not merely rounded onto it).
        var offsets = piece.Notes.Select(n => grid.StepOf(n.StartSeconds)).Select(s => Math.Abs(s - Math.Round(s))).ToList();
        Assert.True(offsets.Count(o => o < 0.1) > 0.9 * offsets.Count, $"{offsets.Count(o => o < 0.1)} of {offsets.Count} onsets on the grid");
        var song = PopSongReader.Read(folder);
        Assert.InRange(song.Bpm, 50, 200);
        Assert.InRange(song.BarCount, 20, 400);
        Assert.Equal(song.BarCount * 4, song.BeatChords.Count);
    }

    [Fact]
    public void Decode_TwoBarsWithNotes_PlacesThemOnTheirPartsAndTimes()
    {
        var c = new Chord(0, ChordQuality.Major);
        var song = new PopSong("x", new MusicKey(0, false), 120, 2,
            [new PopNote(PopPart.Melody, 72, 0, 4), new PopNote(PopPart.Piano, 48, 0, 16), new PopNote(PopPart.Bridge, 67, 20, 2)],
            [c, c, c, c, null, null, c, c]);

        var tokens = tokenizer.EncodeSong(song);
        var notes = tokenizer.Decode(tokens, bpm: 120); // a sixteenth lasts 0.125 s

        Assert.Equal([(72, 0, 0.0, 0.5), (48, 2, 0.0, 2.0), (67, 1, 2.5, 2.75)], notes.Select(n => (n.Pitch, n.Track, n.StartSeconds, n.EndSeconds)).ToList());
        Assert.Equal(["Key:C major", "Tempo:4", "Chord:C:maj", "Chord:C:maj", "Chord:C:maj", "Chord:C:maj", "Pos:0", "Melody:72", "Dur:4", "Piano:48", "Dur:16",
            "Bar", "Chord:N", "Chord:N", "Chord:C:maj", "Chord:C:maj", "Pos:4", "Bridge:67", "Dur:2"], tokens.Select(tokenizer.Describe).ToList());
        Assert.Equal(2.0, tokens.Sum(t => tokenizer.SecondsOf(t, 120)));
    }

    [Fact]
    public void Grammar_ForcedProgression_AllowsOnlyTheRequestedChordThenForwardPositions()
    {
        var am = new Chord(9, ChordQuality.Minor);
        var f = new Chord(5, ChordQuality.Major);
        var grammar = new PopGrammar([am, f]);
        var blocked = grammar.Initial();
        Assert.Equal([PopBarTokenizer.ChordToken(am)], Allowed(blocked));
        for (var i = 0; i < 4; i++) grammar.Update(blocked, PopBarTokenizer.ChordToken(am));
        Assert.Contains(PopBarTokenizer.BarToken, Allowed(blocked));
        Assert.DoesNotContain(PopBarTokenizer.NoteToken(PopPart.Melody, 60), Allowed(blocked)); // a note needs a position first
        grammar.Update(blocked, PopBarTokenizer.PositionBase + 8);
        Assert.All(Allowed(blocked), t => Assert.True(PopBarTokenizer.IsNote(t)));
        grammar.Update(blocked, PopBarTokenizer.NoteToken(PopPart.Melody, 60));
        Assert.All(Allowed(blocked), t => Assert.True(PopBarTokenizer.IsDuration(t)));
        grammar.Update(blocked, PopBarTokenizer.DurationBase);
        Assert.DoesNotContain(PopBarTokenizer.PositionBase + 8, Allowed(blocked)); // positions only move forward
        Assert.Contains(PopBarTokenizer.PositionBase + 9, Allowed(blocked));
        grammar.Update(blocked, PopBarTokenizer.BarToken);
        Assert.Equal([PopBarTokenizer.ChordToken(f)], Allowed(blocked)); // the second bar's chord
    }

    [Fact]
    public void Spec_RoundTripsThroughFromSpec()
    {
        var rebuilt = MusicTokenizer.FromSpec(tokenizer.ToSpec());
        Assert.IsType<PopBarTokenizer>(rebuilt);
        Assert.Equal(tokenizer.Size, rebuilt.Size);
        Assert.Throws<NotSupportedException>(() => rebuilt.Encode(new MidiPiece("x", [], [], [], [], 0, new IngestReport(0, 0, 0, 0))));
    }

    private static List<int> Allowed(bool[] blocked) => [.. Enumerable.Range(0, blocked.Length).Where(t => !blocked[t])];
}
