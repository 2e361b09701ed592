using System.Globalization;
using System.Text;
using Orleans.Storage;

namespace CreativeGen.Grains.Storage;

/// <summary>
/// Grain storage in local files (the embedded default: no database). One file per grain under
/// {root}/{provider}/{grain type}/{grain key}.state; every write is atomic and versioned, and a write with a
/// stale ETag fails like it would in a database.
/// </summary>
public sealed class FileGrainStorage(string name, FileGrainStorageOptions options, IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly Lock writeLock = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = StateFile.Read(PathOf(stateName, grainId));
        if (stored is { } found)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(found.Payload));
            grainState.ETag = found.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        lock (writeLock)
        {
            var version = CheckETag(path, grainState.ETag, "write") + 1;
            StateFile.Write(path, version, payload);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        lock (writeLock)
        {
            CheckETag(path, grainState.ETag, "clear");
            File.Delete(path);
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    /// <summary>The file holding a grain's state; keys are escaped so that every grain maps to its own file name.</summary>
    public string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(options.RootDirectory, Escape(name), Escape(grainId.Type.ToString() ?? "grain"), $"{Escape(grainId.Key.ToString() ?? "")}.{Escape(stateName)}.state");

    private static long CheckETag(string path, string? etag, string operation)
    {
        var current = StateFile.Read(path)?.Version ?? 0;
        var expected = etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture);
        if (current != expected)
            throw new InconsistentStateException($"Version conflict ({operation}) on {path}: stored version {current}, grain holds {expected}.",
                current.ToString(CultureInfo.InvariantCulture), etag ?? "none");
        return current;
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
