using System.Buffers.Binary;
using System.Security.Cryptography;
using CreativeGen.Ml.Common;

namespace CreativeGen.Grains.Storage;

/// <summary>
/// One grain's state on disk: a magic header, the version, the payload and a SHA-256 over both. Written
/// with <see cref="AtomicFile"/> (temp file, flush, rename), so a crash leaves the old or the new file;
/// the checksum turns any other damage into a clear error instead of silently lost state.
/// </summary>
public static class StateFile
{
    private static ReadOnlySpan<byte> Magic => "CGSTATE1"u8;

    private const int HeaderLength = 8 + 8 + 4;
    private const int HashLength = 32;

    public static void Write(string path, long version, ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[HeaderLength + payload.Length + HashLength];
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(16), payload.Length);
        payload.CopyTo(buffer.AsSpan(HeaderLength));
        SHA256.HashData(buffer.AsSpan(0, HeaderLength + payload.Length), buffer.AsSpan(HeaderLength + payload.Length));
        AtomicFile.WriteAllBytes(path, buffer);
    }

    /// <summary>The version and payload, or null if there is no file; throws <see cref="InvalidDataException"/> if it is damaged.</summary>
    public static (long Version, byte[] Payload)? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        if (bytes.Length < HeaderLength + HashLength || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new InvalidDataException($"State file {path} is not a CreativeGen state file (bad header or too short).");
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        if (length < 0 || HeaderLength + length + HashLength != bytes.Length)
            throw new InvalidDataException($"State file {path} is truncated or has trailing bytes (payload {length}, file {bytes.Length} bytes).");
        var expected = SHA256.HashData(bytes.AsSpan(0, HeaderLength + length));
        if (!expected.AsSpan().SequenceEqual(bytes.AsSpan(HeaderLength + length)))
            throw new InvalidDataException($"State file {path} is corrupt (checksum mismatch).");
        return (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)), bytes[HeaderLength..(HeaderLength + length)]);
    }
}
