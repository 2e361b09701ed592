using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music;

/// <summary>
/// Real files from the shared music data, picked deterministically (tests using them skip without the data, see
/// <see cref="TestData.RequireSharedData"/>), and the few real pieces shipped under Fixtures/music (always present).
/// </summary>
public static class MusicTestData
{
    public static string MusicRoot => Path.Combine(TestData.SharedData, "music");

    /// <summary>Four real piano pieces shipped with the tests (the ones a 4-file load picks from the full train split).</summary>
    public static string FixturePianoTrain => TestData.Fixture("music", "piano-midi", "train");

    /// <summary>Two real piano pieces shipped with the tests (the ones a 2-file load picks from the full val split).</summary>
    public static string FixturePianoVal => TestData.Fixture("music", "piano-midi", "val");

    public static string PianoTrain => Path.Combine(MusicRoot, "piano-midi", "train");

    public static string PianoVal => Path.Combine(MusicRoot, "piano-midi", "val");

    public static string NottinghamTrain => Path.Combine(MusicRoot, "nottingham", "train");

    public static string NottinghamVal => Path.Combine(MusicRoot, "nottingham", "val");

    /// <summary>Every n-th file of a folder, at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<string> Files(string folder, int count, int stride = 7) =>
        [.. MidiCorpus.FindFiles(folder).Where((_, i) => i % stride == 0).Take(count)];

    /// <summary>A raw standard MIDI file from a header and track bodies (each without the end-of-track event).</summary>
    public static byte[] RawMidi(int format, int ticksPerQuarter, params byte[][] tracks)
    {
        var bytes = new List<byte>();
        bytes.AddRange("MThd"u8.ToArray());
        bytes.AddRange([0, 0, 0, 6, 0, (byte)format, 0, (byte)tracks.Length, (byte)(ticksPerQuarter >> 8), (byte)ticksPerQuarter]);
        foreach (var track in tracks)
        {
            var body = track.Concat(new byte[] { 0, 0xFF, 0x2F, 0 }).ToArray();
            bytes.AddRange("MTrk"u8.ToArray());
            bytes.AddRange([(byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length]);
            bytes.AddRange(body);
        }
        return [.. bytes];
    }
}
