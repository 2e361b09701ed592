using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Tokens;
using TorchSharp;

namespace CreativeGen.Ml.Music.Training;

/// <summary>What a checkpoint says about itself, stored as JSON at the start of the file.</summary>
public sealed record CheckpointHeader(int FormatVersion, TrainingOptions Options, TokenizerSpec Tokenizer, MusicModelConfig Model, TrainingState State);

/// <summary>
/// One file per checkpoint: magic, JSON header (options, vocabulary, model shape, epoch, best loss, RNG state,
/// history), the model weights, then the optimizer state (absent in exported models). Written atomically inside a
/// <see cref="ChecksummedFile"/> frame, so flipped bits or a cut-off file fail loudly instead of resuming from damaged
/// weights. Files from before the frame (the shipped models/music-piano.ckpt among them) are read as they are:
/// re-writing them would change their version, which recipes refer to.
/// </summary>
public static class MusicCheckpoint
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "CGMUSIC1"u8.ToArray();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Save(string path, CheckpointHeader header, MusicLstm model, TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        ChecksummedFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
            writer.Write(json.Length);
            writer.Write(json);
            WriteBlock(writer, w => model.save(w));
            if (optimizer is null) writer.Write(0L);
            else WriteBlock(writer, w => optimizer.save_state_dict(w));
        });
    }

    /// <summary>Reads the header only (cheap).</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads weights into a new model; when <paramref name="optimizerFactory"/> is given and the file holds optimizer state, restores it too.</summary>
    public static (CheckpointHeader Header, MusicLstm Model, TorchSharp.Modules.OptimizerHelper? Optimizer) Load(
        string path, Func<MusicLstm, TorchSharp.Modules.OptimizerHelper>? optimizerFactory = null)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        try
        {
            var weights = ReadBlock(reader, "weights") ?? throw new InvalidDataException("no weights");
            var optimizerState = ReadBlock(reader, "optimizer state");
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new InvalidDataException("trailing bytes after the optimizer state");
            var model = new MusicLstm(header.Model);
            model.load(new BinaryReader(new MemoryStream(weights)));
            CreativeGen.Ml.Common.TorchDevice.Place(model);
            TorchSharp.Modules.OptimizerHelper? optimizer = null;
            if (optimizerFactory is not null && optimizerState is not null)
            {
                optimizer = optimizerFactory(model);
                optimizer.load_state_dict(new BinaryReader(new MemoryStream(optimizerState)));
            }
            return (header, model, optimizer);
        }
        catch (Exception error) when (error is EndOfStreamException or InvalidDataException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"{path}: corrupt music checkpoint ({error.Message})", error);
        }
    }

    /// <summary>Short content hash: the model version.</summary>
    public static string Version(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }

    /// <summary>Writes a copy without optimizer state (smaller; for shipping, not for resuming).</summary>
    public static void Export(string source, string destination)
    {
        var (header, model, _) = Load(source);
        using (model) Save(destination, header, model, null);
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"music checkpoint not found: {path}", path);
        var (payload, _) = ChecksummedFile.Open(path, "music checkpoint");
        return new BinaryReader(payload, Encoding.UTF8, leaveOpen: false);
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a CreativeGen music checkpoint");
            var length = reader.ReadInt32();
            if (length <= 0 || length > 64 << 20) throw new InvalidDataException("bad header length");
            var header = JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadBytes(length), Json)
                ?? throw new InvalidDataException("empty header");
            if (header.FormatVersion != FormatVersion) throw new InvalidDataException($"format version {header.FormatVersion}, expected {FormatVersion}");
            return header;
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: corrupt music checkpoint ({error.Message})", error);
        }
    }

    private static byte[]? ReadBlock(BinaryReader reader, string what)
    {
        var length = reader.ReadInt64();
        if (length == 0) return null;
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException($"the {what} block is cut short (file truncated?)");
        return reader.ReadBytes((int)length);
    }

    private static void WriteBlock(BinaryWriter writer, Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var inner = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) write(inner);
        writer.Write(buffer.Length);
        writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
