namespace CreativeGen.Ml.Music.Midi;

/// <summary>One output track: a name, a General MIDI program and its notes (times in seconds).</summary>
public sealed record MidiTrackSpec(string Name, int Program, IReadOnlyList<MidiNote> Notes);

/// <summary>
/// Writes a type 1 standard MIDI file: a conductor track (tempo, 4/4) and one track per spec, each on its
/// own channel (skipping the drum channel). Output depends only on the input, byte for byte.
/// </summary>
public static class MidiWriter
{
    public const int TicksPerQuarter = 480;

    public static byte[] Write(IReadOnlyList<MidiTrackSpec> tracks, double bpm = 120)
    {
        if (!(bpm is > 0 and < 1000)) throw new ArgumentOutOfRangeException(nameof(bpm), bpm, "tempo must be in (0, 1000) bpm");
        var ticksPerSecond = TicksPerQuarter * bpm / 60.0;
        using var output = new MemoryStream();
        WriteChunk(output, "MThd", [0, 1, (byte)((tracks.Count + 1) >> 8), (byte)(tracks.Count + 1), TicksPerQuarter >> 8, TicksPerQuarter & 0xFF]);

        var microseconds = (int)Math.Round(60_000_000 / bpm);
        var conductor = new List<(long Tick, byte[] Data)>
        {
            (0, [0xFF, 0x51, 3, (byte)(microseconds >> 16), (byte)(microseconds >> 8), (byte)microseconds]),
            (0, [0xFF, 0x58, 4, 4, 2, 24, 8]),
        };
        WriteChunk(output, "MTrk", TrackBytes(conductor));

        for (var t = 0; t < tracks.Count; t++)
        {
            var channel = t >= 9 ? t + 1 : t;
            if (channel > 15) throw new ArgumentException("at most 15 note tracks", nameof(tracks));
            var events = new List<(long Tick, int Order, byte[] Data)>();
            var name = System.Text.Encoding.ASCII.GetBytes(tracks[t].Name);
            events.Add((0, 0, [0xFF, 0x03, .. VariableLength(name.Length), .. name]));
            events.Add((0, 1, [(byte)(0xC0 | channel), (byte)Math.Clamp(tracks[t].Program, 0, 127)]));
            foreach (var note in tracks[t].Notes)
            {
                var pitch = (byte)Math.Clamp(note.Pitch, 0, 127);
                var on = (long)Math.Round(note.StartSeconds * ticksPerSecond);
                var off = Math.Max(on + 1, (long)Math.Round(note.EndSeconds * ticksPerSecond));
                events.Add((on, 3, [(byte)(0x90 | channel), pitch, (byte)Math.Clamp(note.Velocity, 1, 127)]));
                events.Add((off, 2, [(byte)(0x80 | channel), pitch, 0]));
            }
            var ordered = events.OrderBy(e => e.Tick).ThenBy(e => e.Order).ThenBy(e => e.Data[1]).Select(e => (e.Tick, e.Data)).ToList();
            WriteChunk(output, "MTrk", TrackBytes(ordered));
        }
        return output.ToArray();
    }

    private static byte[] TrackBytes(List<(long Tick, byte[] Data)> events)
    {
        using var track = new MemoryStream();
        long previous = 0;
        foreach (var (tick, data) in events)
        {
            track.Write(VariableLength((int)(tick - previous)));
            track.Write(data);
            previous = tick;
        }
        track.Write([0x00, 0xFF, 0x2F, 0x00]);
        return track.ToArray();
    }

    private static void WriteChunk(Stream output, string id, byte[] body)
    {
        output.Write(System.Text.Encoding.ASCII.GetBytes(id));
        output.Write([(byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length]);
        output.Write(body);
    }

    private static byte[] VariableLength(int value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
        var bytes = new List<byte> { (byte)(value & 0x7F) };
        while ((value >>= 7) > 0) bytes.Insert(0, (byte)((value & 0x7F) | 0x80));
        return [.. bytes];
    }
}
