using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;

namespace CreativeGen.Ml.Tests.Music.Pop;

public class PopAnnotationTests
{
    [Theory]
    [InlineData("B:maj", 11, ChordQuality.Major)]
    [InlineData("C#:min7/b7", 1, ChordQuality.Minor7)]
    [InlineData("A:sus4(b7)", 9, ChordQuality.Dominant7)]
    [InlineData("Gb:hdim7", 6, ChordQuality.Diminished)]
    [InlineData("Eb:maj/3", 3, ChordQuality.Major)]
    [InlineData("Am", 9, ChordQuality.Minor)]
    [InlineData("G7", 7, ChordQuality.Dominant7)]
    public void ChordLabels_ParseToRootAndQuality(string label, int root, ChordQuality quality)
    {
        Assert.True(Chord.TryParse(label, out var chord, out var problem), problem);
        Assert.Equal(new Chord(root, quality), chord);
    }

    [Theory]
    [InlineData("A minor", 9, true)]
    [InlineData("Gb:maj", 6, false)]
    [InlineData("f#m", 6, true)]
    [InlineData("Bb", 10, false)]
    public void KeyNames_Parse(string text, int tonic, bool minor) => Assert.Equal(new MusicKey(tonic, minor), MusicKey.Parse(text));

    [Theory]
    [InlineData("H major", "note name")]
    [InlineData("C lydian", "major or minor")]
    [InlineData("", "empty")]
    public void BadKeyNames_SayWhy(string text, string expected)
    {
        Assert.False(MusicKey.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void BadAnnotationLines_NameTheFileAndLine()
    {
        var beats = Assert.Throws<PopAnnotationException>(() => PopAnnotations.ParseBeats(["0.5 1 1", "0.4 0 0"], "song/beat_midi.txt"));
        Assert.Contains("song/beat_midi.txt: line 2", beats.Message);
        Assert.Contains("increase", beats.Message);
        var chords = Assert.Throws<PopAnnotationException>(() => PopAnnotations.ParseChords(["0.0\t1.0\tC:maj", "1.0\tx\tG:maj"], "song/chord_midi.txt"));
        Assert.Contains("song/chord_midi.txt: line 2: the end 'x' is not a number", chords.Message);
        var quality = Assert.Throws<PopAnnotationException>(() => PopAnnotations.ParseChords(["0.0\t1.0\tC:weird"], "c.txt"));
        Assert.Contains("unknown chord quality 'weird'", quality.Message);
        var keys = Assert.Throws<PopAnnotationException>(() => PopAnnotations.ParseKeys([], "k.txt"));
        Assert.Contains("k.txt: holds no key", keys.Message);
        var few = Assert.Throws<PopAnnotationException>(() => PopAnnotations.ParseBeats(["0 1 1", "1 0 0"], "b.txt"));
        Assert.Contains("only 2 beats", few.Message);
    }

    [Fact]
    public void SongFolderWithoutMidi_IsRejectedNamingTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pop-empty-").FullName;
        try
        {
            var error = Assert.Throws<PopAnnotationException>(() => PopSongReader.Read(folder));
            Assert.Contains(folder, error.Message);
            Assert.Contains("no .mid file", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public void EveryRealChordAndKeyLabel_Parses()
    {
        foreach (var folder in PopTestData.Songs(PopTestData.Train, 40, stride: 17))
        {
            Assert.NotEmpty(PopAnnotations.ReadChords(Path.Combine(folder, "chord_midi.txt")));
            Assert.NotEmpty(PopAnnotations.ReadKeys(Path.Combine(folder, "key_audio.txt")));
        }
    }

    [SkippableFact]
    public void KeyFinder_OnRealSongs_AgreesWithTheAnnotatedKeyOrItsRelative()
    {
        var songs = PopTestData.Songs(PopTestData.Val, 12, stride: 7).Select(PopSongReader.Read).ToList();
        var agree = 0;
        foreach (var song in songs)
        {
            var notes = song.Notes.Select(n => new MidiNote(n.Pitch, 80, n.Start, n.Start + n.Duration, n.Start, n.Start + n.Duration));
            var detected = KeyFinder.Detect(notes)!.Value;
            if (detected == song.Key || detected == song.Key.Relative) agree++;
        }
        // Krumhansl–Schmuckler confuses close keys now and then; on real pop it finds the annotated key (or its relative) mostly.
        Assert.True(agree >= 9, $"{agree} of {songs.Count} songs");
    }
}
