using System.Security.Cryptography;
using System.Text;

namespace CreativeGen.Client.Gateway.Operators;

/// <summary>
/// The operator credential: keys that may swap models and start or stop training through /v1/operator. Bound from
/// CreativeGen:Operator (in Kubernetes from a Secret: CreativeGen__Operator__Keys__0). No key: the operator API
/// refuses every call. Several keys allow rotation (add the new one, move operators over, drop the old one).
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "CreativeGen:Operator";
    public const int MinimumKeyLength = 32;

    public string[] Keys { get; set; } = [];

    public bool Enabled => Keys.Length > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting for a key too short to resist guessing.</summary>
    public void Validate()
    {
        for (var i = 0; i < Keys.Length; i++)
            if (string.IsNullOrWhiteSpace(Keys[i]) || Keys[i].Trim().Length < MinimumKeyLength)
                throw new ArgumentException($"{Section}:Keys:{i} must be at least {MinimumKeyLength} characters (e.g. `openssl rand -hex 32`).");
    }

    /// <summary>The key's id for the audit log (a hash prefix: names the key without revealing it), or null for no match.</summary>
    public string? Match(string presented)
    {
        var hash = Hash(presented);
        string? matched = null;
        foreach (var key in Keys) // every key compared, in constant time, so timing tells nothing
            if (CryptographicOperations.FixedTimeEquals(hash, Hash(key.Trim()))) matched = KeyId(key.Trim());
        return matched;
    }

    public static string KeyId(string key) => "op-" + Convert.ToHexStringLower(Hash(key))[..8];

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
