using System.Globalization;
using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.Grains.Models;

/// <summary>
/// Model grain keys: "name" is the version loaded now; "name@version" an earlier version kept in the model archive,
/// activated only to regenerate recipes made by it; "name#k" (1 ≤ k &lt; replicas) replica k of "name", replica 0 being
/// "name" itself. The catalog never sees a replica suffix. Every key has one spelling: names are compared exactly
/// (<see cref="IGeneratorCatalog"/>), and a model grain refuses any other key (<see cref="RequireCanonical"/>), so no
/// variant of a name ever gets a grain, a calibration and a stepping thread of its own.
/// </summary>
public static class ModelKey
{
    public static string Replica(string name, int replica) => replica == 0 ? name : $"{name}#{replica}";

    /// <summary>The key without its replica suffix, and the replica number (0 for none); call <see cref="RequireCanonical"/> first.</summary>
    public static (string Key, int Replica) SplitReplica(string key)
    {
        var hash = key.LastIndexOf('#');
        return hash < 0 ? (key, 0) : (key[..hash], int.Parse(key[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public static string Versioned(string name, string version) => $"{name}@{version}";

    public static (string Name, string? Version) Parse(string key)
    {
        var at = key.IndexOf('@');
        return at < 0 ? (key, null) : (key[..at], key[(at + 1)..]);
    }

    /// <summary>
    /// Throws an invalid-request error naming "model" unless <paramref name="key"/> is written as <see cref="Replica"/> and
    /// <see cref="Versioned"/> write keys: a replica suffix only on a plain name, in 1..<paramref name="replicas"/>-1, in
    /// plain digits; a version only once, and not empty. Whether the name itself is known is the catalog's to say.
    /// </summary>
    public static void RequireCanonical(string key, int replicas)
    {
        var hash = key.LastIndexOf('#');
        var (name, version) = Parse(hash < 0 ? key : key[..hash]);
        var canonical = name.Length > 0 && !name.Contains('#') && version is null or { Length: > 0 } && !(version?.Contains('@') ?? false)
            && (hash < 0 || (version is null && IsReplicaNumber(key.AsSpan(hash + 1), replicas)));
        if (!canonical)
            throw GenerationRequestException.Invalid("model", $"'{key}' is not a model grain key: expected a model name, name@version"
                + (replicas > 1 ? $", or name#k with k in 1..{replicas - 1}." : " (there is one replica per model)."));
    }

    private static bool IsReplicaNumber(ReadOnlySpan<char> text, int replicas) =>
        text is [>= '1' and <= '9', ..] && !text.ContainsAnyExceptInRange('0', '9')
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var replica) && replica < replicas;
}
