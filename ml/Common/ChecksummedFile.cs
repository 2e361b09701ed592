using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CreativeGen.Ml.Common;

/// <summary>
/// A checksummed frame around a file's own format, so flipped bits or a cut-off file are caught before anything
/// is parsed or trained on:
/// <c>"CGCHECK1" | payload | payload length (int64 LE) | SHA-256 of everything before it</c>.
/// Written atomically through <see cref="AtomicFile"/>. Files written before the frame existed start with their own
/// magic instead of <c>CGCHECK1</c>; <see cref="Open"/> reports them as <see cref="FrameKind.Legacy"/> so a caller can
/// still read shipped files whose version (their SHA-256) recipes refer to, while everything new is framed.
/// </summary>
public static class ChecksummedFile
{
    private static ReadOnlySpan<byte> Magic => "CGCHECK1"u8;
    private const int MagicLength = 8;
    private const int TrailerLength = sizeof(long) + SHA256.HashSizeInBytes;

    public enum FrameKind { Checksummed, Legacy }

    /// <summary>Writes <paramref name="writePayload"/>'s bytes inside the frame, atomically.</summary>
    public static void Write(string path, Action<Stream> writePayload) =>
        AtomicFile.Write(path, stream =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var hashing = new HashingWriteStream(stream, hash);
            hashing.Write(Magic);
            writePayload(hashing);
            Span<byte> length = stackalloc byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(length, hashing.Position - MagicLength);
            hashing.Write(length);
            stream.Write(hash.GetHashAndReset());
        });

    /// <summary>
    /// Opens <paramref name="path"/> and checks its frame; the stream returned holds the payload only (for a legacy
    /// file: the whole file). Throws <see cref="InvalidDataException"/> naming the file and <paramref name="what"/>
    /// when the frame is cut short or the checksum does not match.
    /// </summary>
    public static (Stream Payload, FrameKind Kind) Open(string path, string what)
    {
        var file = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[MagicLength];
            if (file.ReadAtLeast(head, MagicLength, throwOnEndOfStream: false) < MagicLength || !head.SequenceEqual(Magic))
            {
                file.Position = 0;
                return (file, FrameKind.Legacy);
            }
            var payloadLength = file.Length - MagicLength - TrailerLength;
            if (payloadLength < 0) throw Damaged(path, what, "truncated: shorter than its checksum frame");
            Span<byte> trailer = stackalloc byte[TrailerLength];
            file.Position = MagicLength + payloadLength;
            file.ReadExactly(trailer);
            if (BinaryPrimitives.ReadInt64LittleEndian(trailer) != payloadLength)
                throw Damaged(path, what, $"truncated or extended: {file.Length:N0} bytes do not match the length it was written with");
            if (!Hash(file, file.Length - SHA256.HashSizeInBytes).AsSpan().SequenceEqual(trailer[sizeof(long)..]))
                throw Damaged(path, what, "checksum mismatch: the file was altered or damaged after it was written");
            return (new ReadOnlySlice(file, MagicLength, payloadLength), FrameKind.Checksummed);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static InvalidDataException Damaged(string path, string what, string problem) =>
        new($"{path}: corrupt {what} ({problem})");

    /// <summary>SHA-256 of the first <paramref name="count"/> bytes, read in chunks so caches of gigabytes need no buffer of that size.</summary>
    private static byte[] Hash(Stream file, long count)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        file.Position = 0;
        for (var left = count; left > 0;)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) throw new EndOfStreamException();
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        return hash.GetHashAndReset();
    }
}
