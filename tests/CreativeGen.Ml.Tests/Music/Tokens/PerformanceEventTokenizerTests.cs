using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Tests.Music.Tokens;

public class PerformanceEventTokenizerTests
{
    public static TheoryData<string, int> RealFiles()
    {
        var data = new TheoryData<string, int>();
        if (!Directory.Exists(TestData.SharedDataPath))
        {
            data.Add("(shared data missing)", 1); // one case, which skips (or fails under CI=true) naming CREATIVEGEN_DATA
            return data;
        }
        foreach (var file in MusicTestData.Files(MusicTestData.PianoTrain, 4, stride: 60)) data.Add(file, 1);
        foreach (var file in MusicTestData.Files(MusicTestData.NottinghamVal, 3, stride: 30)) data.Add(file, 2);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(RealFiles))]
    public void RoundTrip_PerformanceEvents_PreservesOnsetsAndPitches(string file, int tracks)
    {
        TestData.RequireSharedData();
        var piece = SustainPedal.Apply(MidiReader.Read(file));
        var tokenizer = new PerformanceEventTokenizer(tracks);

        // MIDI -> events -> MIDI bytes -> read again.
        var notes = tokenizer.Decode(tokenizer.Encode(piece));
        var bytes = MidiWriter.Write([.. Enumerable.Range(0, tracks).Select(t => new MidiTrackSpec($"t{t}", 0, [.. notes.Where(n => n.Track == t)]))]);
        var back = MidiReader.Read(bytes, "round-trip.mid").Notes;

        var originals = piece.Notes.OrderBy(n => n.Pitch).ThenBy(n => n.StartSeconds).ToList();
        var decoded = back.OrderBy(n => n.Pitch).ThenBy(n => n.StartSeconds).ToList();
        // Only exact duplicate strikes (same key within one 10 ms step) may merge.
        var distinct = piece.Notes.Select(n => (n.Track, n.Pitch, Math.Round(n.StartSeconds * 100))).Distinct().Count();
        Assert.Equal(distinct, decoded.Count);
        foreach (var note in originals)
        {
            var match = decoded.Where(d => d.Pitch == note.Pitch).MinBy(d => Math.Abs(d.StartSeconds - note.StartSeconds))!;
            Assert.InRange(Math.Abs(match.StartSeconds - note.StartSeconds), 0, 0.010);
        }
        if (tracks == 2)
            Assert.Equal(piece.Notes.Count(n => n.Track == 1), back.Count(n => n.Track == 1));
        Assert.All(decoded, d => Assert.InRange(d.Velocity, originals.Min(n => n.Velocity) - 4, originals.Max(n => n.Velocity) + 4));
    }

    [Fact]
    public void Encode_LongGapsAndVelocityChanges_UsesShiftsUpToOneSecondAndBinsOnlyOnChange()
    {
        var tokenizer = new PerformanceEventTokenizer();
        MidiNote Note(int pitch, int velocity, double start, double end) => new(pitch, velocity, start, end, start * 2, end * 2);
        var piece = new MidiPiece("x", [Note(60, 100, 0, 0.5), Note(62, 100, 0.5, 0.6), Note(64, 20, 2.75, 3.0)], [], [], [], 1, new IngestReport(0, 0, 0, 0));

        var described = tokenizer.Encode(piece).Select(tokenizer.Describe).ToList();

        Assert.Equal(["vel:25", "on:0:60", "shift:500ms", "off:0:60", "on:0:62", "shift:100ms", "off:0:62",
            "shift:1000ms", "shift:1000ms", "shift:150ms", "vel:5", "on:0:64", "shift:250ms", "off:0:64"], described);
    }

    [Fact]
    public void Prefix_Conditioned_MapsUnknownLabelsToUnknownTokens()
    {
        var tokenizer = new PerformanceEventTokenizer(1, new ConditioningVocabulary(["piano-midi"], ["Bach", "Chopin"]));

        var known = tokenizer.Prefix(new MusicConditioning("piano-midi", "chopin", 130));
        var unknown = tokenizer.Prefix(new MusicConditioning("jazz", "Monk", null));

        Assert.Equal(4, known.Length);
        Assert.Equal(tokenizer.StartToken, known[0]);
        Assert.NotEqual(known[1], unknown[1]);
        Assert.NotEqual(known[2], unknown[2]);
        Assert.All(known.Concat(unknown), t => Assert.InRange(t, 0, tokenizer.Size - 1));
        Assert.Equal(tokenizer.BaseSize + 1 + 2 + 3 + ConditioningVocabulary.TempoBuckets, tokenizer.Size);
        Assert.NotEqual(known[3], unknown[3]); // 130 bpm is not the default bucket
    }

    [Fact]
    public void UpdateBlocked_NoteOffAllowedOnlyWhileTheKeySounds()
    {
        var tokenizer = new PerformanceEventTokenizer();
        var blocked = tokenizer.InitialBlocked();
        Assert.True(blocked[tokenizer.NoteOffBase + 60]);
        Assert.False(blocked[60]);

        tokenizer.UpdateBlocked(blocked, 60);
        Assert.False(blocked[tokenizer.NoteOffBase + 60]);
        Assert.True(blocked[tokenizer.NoteOffBase + 61]);

        tokenizer.UpdateBlocked(blocked, tokenizer.NoteOffBase + 60);
        Assert.True(blocked[tokenizer.NoteOffBase + 60]);
        Assert.Equal(128, blocked.Count(b => b));
    }
}
