using CreativeGen.Ml.Common;

namespace CreativeGen.Ml.Tests.Common;

public sealed class ChecksummedFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creativegen-checksum-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Open_FileItWrote_GivesThePayloadBackAsItsOwnStream()
    {
        var path = Path.Combine(folder, "framed.bin");
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        ChecksummedFile.Write(path, stream => stream.Write(payload));

        var (stream, kind) = ChecksummedFile.Open(path, "test file");
        using (stream)
        {
            Assert.Equal(ChecksummedFile.FrameKind.Checksummed, kind);
            Assert.Equal(payload.Length, stream.Length);
            var read = new byte[payload.Length + 10];
            Assert.Equal(payload.Length, stream.ReadAtLeast(read, read.Length, throwOnEndOfStream: false));
            Assert.Equal(payload, read[..payload.Length]);
            Assert.Equal(stream.Length, stream.Position);
        }
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Open_OneFlippedBitAnywhereOrACutOffEnd_ThrowsNamingTheFile()
    {
        var path = Path.Combine(folder, "framed.bin");
        ChecksummedFile.Write(path, stream => stream.Write(new byte[500]));
        var good = File.ReadAllBytes(path);
        var damaged = Path.Combine(folder, "damaged.bin");
        // Skip byte 0..7 (the magic): a flip there makes the file "legacy", which its own parser then rejects.
        foreach (var position in new[] { 8, 100, 507, good.Length - 40, good.Length - 1 })
        {
            var bytes = (byte[])good.Clone();
            bytes[position] ^= 0x10;
            File.WriteAllBytes(damaged, bytes);
            var error = Assert.Throws<InvalidDataException>(() => ChecksummedFile.Open(damaged, "test file"));
            Assert.Contains(damaged, error.Message);
        }
        foreach (var length in new[] { 8, 20, good.Length - 1 })
        {
            File.WriteAllBytes(damaged, good[..length]);
            Assert.Contains("damaged.bin", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Open(damaged, "test file")).Message);
        }
        File.WriteAllBytes(damaged, [.. good, 0]);
        Assert.Contains("damaged.bin", Assert.Throws<InvalidDataException>(() => ChecksummedFile.Open(damaged, "test file")).Message);
    }

    [Fact]
    public void Open_FileWrittenWithoutTheFrame_IsReadWholeAsLegacy()
    {
        var path = Path.Combine(folder, "old.bin");
        File.WriteAllBytes(path, "CGMUSIC1 and the rest"u8.ToArray());

        var (stream, kind) = ChecksummedFile.Open(path, "test file");
        using (stream)
        {
            Assert.Equal(ChecksummedFile.FrameKind.Legacy, kind);
            Assert.Equal(0, stream.Position);
            Assert.Equal(new FileInfo(path).Length, stream.Length);
        }
    }
}
