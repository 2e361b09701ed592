namespace CreativeGen.Bench.Cluster.Synthetic;

/// <summary>Writes a one-track MIDI file of equal quarter notes (enough to serve as a response body).</summary>
public static class MinimalMidi
{
    private const int TicksPerQuarter = 96;

    public static byte[] Write(IEnumerable<byte> pitches, double tempoBpm)
    {
        var track = new List<byte>();
        var microsPerQuarter = (int)(60_000_000 / tempoBpm);
        track.AddRange([0x00, 0xFF, 0x51, 0x03, (byte)(microsPerQuarter >> 16), (byte)(microsPerQuarter >> 8), (byte)microsPerQuarter]);
        foreach (var pitch in pitches)
            track.AddRange([0x00, 0x90, pitch, 0x50, 0x80 | (TicksPerQuarter >> 7), TicksPerQuarter & 0x7F, 0x80, pitch, 0x00]);
        track.AddRange([0x00, 0xFF, 0x2F, 0x00]);
        byte[] header = [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, TicksPerQuarter, .. "MTrk"u8,
            (byte)(track.Count >> 24), (byte)(track.Count >> 16), (byte)(track.Count >> 8), (byte)track.Count];
        return [.. header, .. track];
    }
}
