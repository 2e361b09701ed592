namespace CreativeGen.Grains.Models;

/// <summary>
/// Model grain keys: "name" is the version loaded now; "name@version" an earlier version kept in the model archive,
/// activated only to regenerate recipes made by it; "name#k" (k ≥ 1) replica k of "name", replica 0 being "name"
/// itself. The catalog never sees a replica suffix.
/// </summary>
public static class ModelKey
{
    public static string Replica(string name, int replica) => replica == 0 ? name : $"{name}#{replica}";

    /// <summary>The key without its replica suffix, and the replica number (0 for none).</summary>
    public static (string Key, int Replica) SplitReplica(string key)
    {
        var hash = key.LastIndexOf('#');
        return hash < 0 ? (key, 0) : (key[..hash], int.Parse(key[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string Versioned(string name, string version) => $"{name}@{version}";

    public static (string Name, string? Version) Parse(string key)
    {
        var at = key.IndexOf('@');
        return at < 0 ? (key, null) : (key[..at], key[(at + 1)..]);
    }
}
