using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CreativeGen.Ml.Lyrics.Melody;
using CreativeGen.Ml.Lyrics.Output;
using CreativeGen.Ml.Lyrics.Singing;
using CreativeGen.Ml.Lyrics.Songs;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Tests.Music;
using NAudio.Midi;

namespace CreativeGen.Ml.Tests.Lyrics;

public class SongOutputTests(ShippedLyricModel shipped) : IClassFixture<ShippedLyricModel>
{
    /// <summary>POP909 song 001 cut to its first 16 bars of melody (MELODY track, bridge and piano kept), with words.</summary>
    private LyricSong Pop909Song(long seed = 5)
    {
        var path = Path.Combine(MusicTestData.MusicRoot, "pop909", "train", "001", "001.mid");
        var piece = MidiReader.Read(path);
        var start = Math.Floor(piece.Notes.Where(n => n.Track == 0).Min(n => n.StartBeats) / 4) * 4;
        var notes = piece.Notes.Where(n => n.StartBeats >= start && n.StartBeats < start + 64).ToArray();
        var tracks = notes.GroupBy(n => n.Track).OrderBy(g => g.Key)
            .Select(g => new MidiTrackSpec(g.Key == 0 ? "MELODY" : $"T{g.Key}", 0, g.ToArray())).ToArray();
        var midi = MidiWriter.Write(tracks, piece.InitialBpm);
        return SongLyrics.Add(midi, shipped.Writer, new LyricOptions("abab", "sea", seed, MelodyTrack: 0), "pop909-001");
    }

    [SkippableFact]
    public void LyricEvents_ReadBackWithNAudio_OnTheMelodyTrackAtEachSyllablesNote()
    {
        var song = Pop909Song();
        var file = new MidiFile(new MemoryStream(song.Midi), strictChecking: true);
        var lyricTracks = Enumerable.Range(0, file.Tracks).Where(t => file.Events[t].OfType<TextEvent>().Any(e => e.MetaEventType == MetaEventType.Lyric)).ToArray();
        Assert.Equal([1], lyricTracks);  // track 0 is the conductor; track 1 the MELODY
        var lyrics = file.Events[1].OfType<TextEvent>().Where(e => e.MetaEventType == MetaEventType.Lyric).ToArray();
        Assert.Equal(song.Song.Syllables.Count, lyrics.Length);
        var noteOns = file.Events[1].OfType<NoteOnEvent>().Where(e => e.Velocity > 0).Select(e => e.AbsoluteTime).ToHashSet();
        Assert.All(lyrics, e => Assert.Contains(e.AbsoluteTime, noteOns));
        // The texts spell the words: hyphens join syllables, spaces end words, CR/LF end lines and stanzas.
        var text = string.Concat(lyrics.Select(e => e.Text)).Replace("-", "");
        var lines = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
        Assert.Equal(song.Song.Lyrics.Lines.Select(l => l.Text), lines);
        Assert.Equal(song.Song.Syllables.Count, LyricMidi.ReadLyrics(song.Midi).Count);
    }

    [SkippableFact]
    public void Lrc_HasATimedLinePerPhrase_WithWordTimesInOrder()
    {
        var song = Pop909Song();
        var lines = song.Lrc.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("[ti:pop909-001]", lines[0]);
        var timed = lines.Where(l => char.IsAsciiDigit(l[1])).ToArray();
        Assert.Equal(song.Song.Lyrics.Lines.Count, timed.Length);
        var pattern = new Regex(@"^\[(\d\d):(\d\d\.\d\d)\](<\d\d:\d\d\.\d\d>[a-z]+)( <\d\d:\d\d\.\d\d>[a-z]+)*$");
        Assert.All(timed, l => Assert.Matches(pattern, l));
        var stamps = timed.SelectMany(l => Regex.Matches(l, @"(\d\d):(\d\d\.\d\d)").Select(m => int.Parse(m.Groups[1].Value) * 60 + double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Equal("01:05.43", LrcWriter.Stamp(65.432));
    }

    [SkippableFact]
    public void SameRecipe_GivesTheSameMidiLrcAndText()
    {
        var (a, b) = (Pop909Song(), Pop909Song());
        Assert.Equal(a.Midi, b.Midi);
        Assert.Equal(a.Lrc, b.Lrc);
        Assert.NotEqual(a.Text, Pop909Song(seed: 6).Text);
    }

    [SkippableFact]
    public void FestivalScore_HasOnePitchAndDurationPerSyllable_AndLexiconEntriesWithTheCountedSyllables()
    {
        var song = Pop909Song();
        var phrase = song.Song.Syllables.Where(s => s.Line == 0).ToArray();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(FestivalScore.Xml(phrase, transpose: -12)), settings);
        var root = XDocument.Load(reader).Root!;
        Assert.Equal("SINGING", root.Name.LocalName);
        var words = root.Elements("DURATION").ToArray();
        Assert.Equal(phrase.Count(s => s.StartsWord), words.Length);
        var seconds = 0.0;
        foreach (var (duration, word) in words.Zip(phrase.Where(s => s.StartsWord)))
        {
            var pitch = duration.Element("PITCH")!;
            Assert.Equal(word.Word, pitch.Value);
            Assert.Equal(word.SyllablesInWord, duration.Attribute("SECONDS")!.Value.Split(',').Length);
            Assert.Equal(word.SyllablesInWord, pitch.Attribute("FREQ")!.Value.Split(',').Length);
            seconds += duration.Attribute("SECONDS")!.Value.Split(',', '+').Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(phrase[^1].EndSeconds - phrase[0].StartSeconds, seconds, 0.05 * words.Length);
        var entries = FestivalScore.LexiconEntries(phrase, shipped.Model.Lexicon).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(entries, e => Assert.StartsWith("(lex.add.entry '(\"", e));
        Assert.Equal("((r ih) 1)((v er) 0)", string.Concat(FestivalScore.Syllabify(shipped.Model.Lexicon.Primary("river")).Select(s => $"(({string.Join(' ', s.Phones)}) {s.Stress})")));
    }

    [SkippableFact]
    public void Festival_SingsAPhrase_TheSameBytesEveryTime()
    {
        Skip.If(FestivalSinger.FindTextToWave() is null, "Festival is not installed (apt-get install festival festvox-kallpc16k); CI installs it");
        var song = Pop909Song();
        var phrase = song.Song.Syllables.Where(s => s.Line < 2).ToArray();
        var voice = FestivalSinger.Sing(phrase, shipped.Model.Lexicon);
        Assert.InRange(voice.Seconds, phrase[^1].EndSeconds - 0.5, phrase[^1].EndSeconds + 2);
        Assert.True(voice.Samples.Max(Math.Abs) > 0.05f, "the voice is silent");
        Assert.Equal(WavAudio.Write(voice), WavAudio.Write(FestivalSinger.Sing(phrase, shipped.Model.Lexicon)));
    }
}
