using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Lyrics.Model;

/// <summary>One epoch of lyric training, as the model file remembers it.</summary>
public sealed record LyricEpoch(int Epoch, double TrainLoss, double ValidationLoss, double CpuSeconds);

/// <summary>
/// What a lyric model file says about itself: its words, their dictionary pronunciations (so generation needs no
/// dictionary at run time), the network's shape, the training history, and the CMUdict licence notice that the
/// copied pronunciations must carry.
/// </summary>
public sealed record LyricModelHeader(
    int FormatVersion,
    IReadOnlyList<string> Words,
    IReadOnlyDictionary<string, string[]> Pronunciations,
    MusicModelConfig Model,
    IReadOnlyList<LyricEpoch> History,
    string PronunciationNotice);

/// <summary>
/// A lyric model on disk: magic, JSON header, weights, framed by <see cref="ChecksummedFile"/> so that damage fails
/// loudly. The network is a <see cref="MusicLstm"/> (the same embedding → LSTM → head shape the music models use),
/// which lets generation run through the row-exact C# <see cref="LstmStepper"/>.
/// </summary>
public static class LyricModelFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "CGLYRIC1"u8.ToArray();

    public static void Save(string path, LyricModelHeader header, MusicLstm model)
    {
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            var json = JsonSerializer.SerializeToUtf8Bytes(header, MusicCheckpoint.Json);
            writer.Write(json.Length);
            writer.Write(json);
            using var weights = new MemoryStream();
            using (var inner = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true)) model.save(inner);
            writer.Write(weights.Length);
            writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
        });
    }

    public static (LyricModelHeader Header, MusicLstm Model) Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"lyric model not found: {path}", path);
        var (payload, _) = ChecksummedFile.Open(path, "lyric model");
        using var reader = new BinaryReader(payload, Encoding.UTF8, leaveOpen: false);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a CreativeGen lyric model");
            var length = reader.ReadInt32();
            if (length <= 0 || length > 64 << 20) throw new InvalidDataException("bad header length");
            var header = JsonSerializer.Deserialize<LyricModelHeader>(reader.ReadBytes(length), MusicCheckpoint.Json)
                ?? throw new InvalidDataException("empty header");
            if (header.FormatVersion != FormatVersion) throw new InvalidDataException($"format version {header.FormatVersion}, expected {FormatVersion}");
            var weightLength = reader.ReadInt64();
            if (weightLength <= 0 || weightLength > reader.BaseStream.Length - reader.BaseStream.Position)
                throw new InvalidDataException("the weights block is cut short (file truncated?)");
            var model = new MusicLstm(header.Model);
            model.load(new BinaryReader(new MemoryStream(reader.ReadBytes((int)weightLength))));
            return (header, model);
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: corrupt lyric model ({error.Message})", error);
        }
    }

    /// <summary>Short content hash: the model version recipes refer to.</summary>
    public static string Version(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }
}
