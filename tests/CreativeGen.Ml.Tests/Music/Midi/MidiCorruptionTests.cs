using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Midi;

public sealed class MidiCorruptionTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cg-midi-corrupt-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [SkippableFact]
    public void Load_TruncatedFlippedAndEmptyCopies_RejectsEachByNameAndLoadsTheRest()
    {
        Directory.CreateDirectory(folder);
        var sources = MusicTestData.Files(MusicTestData.PianoTrain, 3, stride: 40)
            .Concat(MusicTestData.Files(MusicTestData.NottinghamTrain, 3, stride: 100)).ToList();
        var expectedBad = new List<string>();
        var random = new Random(7);
        foreach (var (source, i) in sources.Select((s, i) => (s, i)))
        {
            var bytes = File.ReadAllBytes(source);
            File.Copy(source, Path.Combine(folder, $"good-{i}.mid"));

            var truncated = Path.Combine(folder, $"truncated-{i}.mid");
            File.WriteAllBytes(truncated, bytes[..(bytes.Length * (i + 1) / (sources.Count + 2))]);
            expectedBad.Add(truncated);

            var header = (byte[])bytes.Clone();
            header[random.Next(0, 4)] ^= 0xFF; // break the MThd magic
            var badHeader = Path.Combine(folder, $"flipped-header-{i}.mid");
            File.WriteAllBytes(badHeader, header);
            expectedBad.Add(badHeader);

            var chunk = (byte[])bytes.Clone();
            chunk[14 + 4] ^= 0x7F; // the first track's length: now points past the end of the file
            var badLength = Path.Combine(folder, $"flipped-length-{i}.mid");
            File.WriteAllBytes(badLength, chunk);
            expectedBad.Add(badLength);

            // Random flips in the event data: either still a readable file or a clean rejection.
            var noisy = (byte[])bytes.Clone();
            for (var k = 0; k < 20; k++) noisy[random.Next(22, noisy.Length)] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(Path.Combine(folder, $"noisy-{i}.mid"), noisy);
        }
        var empty = Path.Combine(folder, "empty.mid");
        File.WriteAllBytes(empty, []);
        expectedBad.Add(empty);

        var corpus = MidiCorpus.Load(folder);

        foreach (var bad in expectedBad)
        {
            var rejection = Assert.Single(corpus.Rejected, r => r.Path == bad);
            Assert.False(string.IsNullOrWhiteSpace(rejection.Problem));
            var error = Assert.Throws<MidiFormatException>(() => MidiReader.Read(bad));
            Assert.Contains(Path.GetFileName(bad), error.Message);
        }
        Assert.Contains(corpus.Rejected, r => r.Problem.Contains("empty"));
        Assert.Contains(corpus.Rejected, r => r.Problem.Contains("truncated") || r.Problem.Contains("malformed"));
        for (var i = 0; i < sources.Count; i++)
            Assert.Contains(corpus.Pieces, p => Path.GetFileName(p.Path) == $"good-{i}.mid");
        // Every file is accounted for: loaded or rejected with a reason, nothing thrown.
        Assert.Equal(Directory.GetFiles(folder).Length, corpus.Pieces.Count + corpus.Rejected.Count);
    }
}
