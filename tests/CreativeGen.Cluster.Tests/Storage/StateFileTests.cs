using CreativeGen.Grains.Storage;
using CreativeGen.Ml.Common;

namespace CreativeGen.Cluster.Tests.Storage;

public sealed class StateFileTests
{
    [Fact]
    public void WriteThenRead_ReturnsVersionAndPayload()
    {
        using var dir = TestSupport.TempDirectory();
        var path = Path.Combine(dir.Path, "a", "grain.state");

        StateFile.Write(path, 7, [1, 2, 3]);

        var (version, payload) = StateFile.Read(path)!.Value;
        Assert.Equal(7, version);
        Assert.Equal([1, 2, 3], payload);
    }

    [Fact]
    public void Read_MissingFile_ReturnsNull()
    {
        using var dir = TestSupport.TempDirectory();

        Assert.Null(StateFile.Read(Path.Combine(dir.Path, "nothing", "here.state")));
    }

    [Fact]
    public void CrashInTheMiddleOfAWrite_LeavesThePreviousStateReadable()
    {
        using var dir = TestSupport.TempDirectory();
        var path = Path.Combine(dir.Path, "grain.state");
        StateFile.Write(path, 1, "old state"u8);

        // The process "dies" half-way through writing the replacement: the callback throws after half the bytes.
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("simulated crash");
        }));
        // A killed process may also leave its temp file behind.
        File.WriteAllBytes(path + ".12345.deadbeef.tmp", new byte[10]);

        var (version, payload) = StateFile.Read(path)!.Value;
        Assert.Equal(1, version);
        Assert.Equal("old state"u8.ToArray(), payload);
    }

    [Theory]
    [InlineData(0)]   // empty file
    [InlineData(12)]  // cut inside the header
    [InlineData(-1)]  // last byte missing
    public void TruncatedFile_IsReportedAsDamaged(int keepBytes)
    {
        using var dir = TestSupport.TempDirectory();
        var path = Path.Combine(dir.Path, "grain.state");
        StateFile.Write(path, 3, new byte[64]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(keepBytes >= 0 ? keepBytes : bytes.Length - 1)]);

        var error = Assert.Throws<InvalidDataException>(() => StateFile.Read(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void FlippedByte_IsReportedAsCorrupt()
    {
        using var dir = TestSupport.TempDirectory();
        var path = Path.Combine(dir.Path, "grain.state");
        StateFile.Write(path, 3, new byte[64]);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => StateFile.Read(path));

        Assert.Contains("checksum", error.Message);
    }
}
