using CreativeGen.Ml.Music.Midi;
using NAudio.Midi;

namespace CreativeGen.Ml.Music.Pop;

/// <summary>
/// Reads a POP909 song folder (NNN.mid with tracks MELODY, BRIDGE, PIANO plus beat_midi.txt, chord_midi.txt and
/// key_audio.txt) onto its beat grid. Note times map to beats through the annotated beat times (linear between
/// beats, extrapolated beyond them), so a rubato or tempo change in the file still lands on the grid.
/// </summary>
public static class PopSongReader
{
    /// <summary>Track names of the parts (case-insensitive).</summary>
    public static readonly IReadOnlyDictionary<string, PopPart> PartNames = new Dictionary<string, PopPart>(StringComparer.OrdinalIgnoreCase)
    {
        ["MELODY"] = PopPart.Melody, ["BRIDGE"] = PopPart.Bridge, ["PIANO"] = PopPart.Piano,
    };

    /// <summary>Reads one song folder; a bad or missing file raises an exception naming it.</summary>
    public static PopSong Read(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var midiPath = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.mid").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        if (midiPath is null) throw new PopAnnotationException(folder, "no .mid file in the song folder");
        var piece = MidiReader.Read(midiPath);
        var parts = PartsOfNoteTracks(midiPath);
        var beats = PopAnnotations.ReadBeats(Path.Combine(folder, "beat_midi.txt"));
        var chords = PopAnnotations.ReadChords(Path.Combine(folder, "chord_midi.txt"));
        var key = PopAnnotations.MainKey(PopAnnotations.ReadKeys(Path.Combine(folder, "key_audio.txt")));
        return Build(name, piece, parts, beats, chords, key);
    }

    /// <summary>Places the notes of <paramref name="piece"/> (whose note tracks are <paramref name="parts"/>) on the beat grid.</summary>
    public static PopSong Build(string name, MidiPiece piece, IReadOnlyList<PopPart?> parts, IReadOnlyList<BeatMark> beats, IReadOnlyList<ChordSpan> chords, MusicKey key)
    {
        var grid = new BeatGrid(beats);
        var notes = new List<PopNote>();
        foreach (var note in piece.Notes)
        {
            if (note.Track >= parts.Count || parts[note.Track] is not { } part) continue;
            var start = (int)Math.Round(grid.StepOf(note.StartSeconds));
            var end = (int)Math.Round(grid.StepOf(note.EndSeconds));
            if (start < 0) continue; // before the first bar's pickup: nothing to hang it on
            notes.Add(new PopNote(part, note.Pitch, start, Math.Max(1, end - start)));
        }
        if (notes.Count == 0) throw new PopAnnotationException(name, "no notes on the MELODY, BRIDGE or PIANO tracks");
        notes = [.. notes.Distinct().OrderBy(n => n.Start).ThenBy(n => n.Part).ThenBy(n => n.Pitch).ThenBy(n => n.Duration)];
        var bars = notes.Max(n => n.Start) / PopSong.StepsPerBar + 1;
        var beatChords = new Chord?[bars * PopSong.BeatsPerBar];
        for (var beat = 0; beat < beatChords.Length; beat++)
        {
            var middle = grid.SecondsOf((beat + 0.5) * PopSong.StepsPerBeat);
            beatChords[beat] = chords.FirstOrDefault(c => c.Start <= middle && middle < c.End)?.Chord;
        }
        return new PopSong(name, key, grid.Bpm, bars, notes, beatChords);
    }

    /// <summary>The part of each track that holds notes, in file order (the note track numbering of <see cref="MidiReader"/>).</summary>
    public static IReadOnlyList<PopPart?> PartsOfNoteTracks(string midiPath)
    {
        var file = new MidiFile(midiPath, strictChecking: false);
        var parts = new List<PopPart?>();
        for (var t = 0; t < file.Tracks; t++)
        {
            var events = file.Events[t];
            if (!events.Any(e => e is NoteEvent n && n.CommandCode == MidiCommandCode.NoteOn && n.Velocity > 0)) continue;
            var trackName = events.OfType<TextEvent>().FirstOrDefault(e => e.MetaEventType == MetaEventType.SequenceTrackName)?.Text?.Trim();
            parts.Add(trackName is not null && PartNames.TryGetValue(trackName, out var part) ? part : null);
        }
        if (!parts.Any(p => p is not null)) throw new PopAnnotationException(midiPath, "no track is named MELODY, BRIDGE or PIANO");
        return parts;
    }
}

/// <summary>
/// Seconds ↔ sixteenths from annotated beats. Step 0 is the first bar line: the first downbeat, moved back whole
/// bars so that a pickup before it still lands at a step ≥ 0.
/// </summary>
public sealed class BeatGrid
{
    private readonly double[] times;
    private readonly int origin; // index (may be negative) of the beat at step 0

    public BeatGrid(IReadOnlyList<BeatMark> beats)
    {
        times = [.. beats.Select(b => b.Seconds)];
        var firstDownbeat = beats.Select((b, i) => (b, i)).First(p => p.b.Downbeat).i;
        origin = firstDownbeat - PopSong.BeatsPerBar * (int)Math.Ceiling(firstDownbeat / (double)PopSong.BeatsPerBar);
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).Order().ToArray();
        Bpm = 60 / intervals[intervals.Length / 2];
    }

    /// <summary>The median tempo.</summary>
    public double Bpm { get; }

    public double StepOf(double seconds)
    {
        var n = times.Length;
        int i;
        if (seconds < times[0]) i = 0;
        else if (seconds >= times[n - 1]) i = n - 2;
        else
        {
            i = Array.BinarySearch(times, seconds);
            if (i < 0) i = ~i - 1;
            i = Math.Min(i, n - 2);
        }
        var beat = i + (seconds - times[i]) / (times[i + 1] - times[i]);
        return (beat - origin) * PopSong.StepsPerBeat;
    }

    public double SecondsOf(double step)
    {
        var beat = step / PopSong.StepsPerBeat + origin;
        var i = Math.Clamp((int)Math.Floor(beat), 0, times.Length - 2);
        return times[i] + (beat - i) * (times[i + 1] - times[i]);
    }
}
