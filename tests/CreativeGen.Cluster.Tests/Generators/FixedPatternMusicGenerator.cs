using System.Collections.Concurrent;
using CreativeGen.Ml.Music;

namespace CreativeGen.Cluster.Tests.Generators;

/// <summary>
/// TEST ONLY: a deterministic stand-in for the LSTM music model, used to test cluster mechanics (placement,
/// batching, persistence, API), not music. It writes a valid one-track MIDI file whose notes are drawn from
/// the seed and composer, validates requests like a real generator, and records the batch sizes it saw.
/// </summary>
public sealed class FixedPatternMusicGenerator(string version = "fixed-1", SimulatedCost? cost = null) : IMusicGenerator
{
    private const int TicksPerQuarter = 96;

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>Every request it was asked to run, in order.</summary>
    public ConcurrentQueue<MusicRequest> Requests { get; } = new();

    public string ModelName => "fixed-pattern-music";

    public string ModelVersion { get; set; } = version;

    public IReadOnlyList<string> Composers { get; } = ["bach", "chopin", "satie"];

    public IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
        {
            if (request.LengthSeconds <= 0) throw new ArgumentException($"LengthSeconds must be positive; got {request.LengthSeconds}.");
            if (request.Composer is { } composer && !Composers.Contains(composer)) throw new ArgumentException($"Unknown composer '{composer}'.");
        }
        BatchSizes.Enqueue(requests.Count);
        foreach (var request in requests) Requests.Enqueue(request);
        (cost ?? SimulatedCost.None).Spend(requests.Count);
        return [.. requests.Select(Write)];
    }

    public void Dispose()
    {
    }

    private byte[] Write(MusicRequest request)
    {
        var tempo = request.TempoBpm ?? 120;
        var random = new Random(HashCode.Combine(request.Seed, request.Composer ?? "", ModelVersion));
        var noteCount = Math.Max(1, (int)Math.Round(request.LengthSeconds * tempo / 60));
        var basePitch = 48 + (request.Composer is null ? 12 : Composers.ToList().IndexOf(request.Composer) * 5);
        var track = new List<byte>();
        var microsPerQuarter = (int)(60_000_000 / tempo);
        track.AddRange([0x00, 0xFF, 0x51, 0x03, (byte)(microsPerQuarter >> 16), (byte)(microsPerQuarter >> 8), (byte)microsPerQuarter]);
        for (var i = 0; i < noteCount; i++)
        {
            var pitch = (byte)(basePitch + random.Next(24));
            track.AddRange([0x00, 0x90, pitch, 0x50]);
            track.AddRange(VariableLength(TicksPerQuarter));
            track.AddRange([0x80, pitch, 0x00]);
        }
        track.AddRange([0x00, 0xFF, 0x2F, 0x00]);
        var file = new List<byte>();
        file.AddRange("MThd"u8.ToArray());
        file.AddRange([0, 0, 0, 6, 0, 0, 0, 1, 0, TicksPerQuarter]);
        file.AddRange("MTrk"u8.ToArray());
        file.AddRange([(byte)(track.Count >> 24), (byte)(track.Count >> 16), (byte)(track.Count >> 8), (byte)track.Count]);
        file.AddRange(track);
        return [.. file];
    }

    private static byte[] VariableLength(int value) =>
        value < 0x80 ? [(byte)value] : [(byte)(0x80 | (value >> 7)), (byte)(value & 0x7F)];
}
