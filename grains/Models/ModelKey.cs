namespace CreativeGen.Grains.Models;

/// <summary>
/// Model grain keys: "name" is the version loaded now; "name@version" an earlier version kept in the model archive,
/// activated only to regenerate recipes made by it.
/// </summary>
public static class ModelKey
{
    public static string Versioned(string name, string version) => $"{name}@{version}";

    public static (string Name, string? Version) Parse(string key)
    {
        var at = key.IndexOf('@');
        return at < 0 ? (key, null) : (key[..at], key[(at + 1)..]);
    }
}
