using System.Security.Cryptography;
using System.Text;

namespace CreativeGen.Client.Gateway.Auth;

/// <summary>
/// API keys look like cg_{user id}_{secret}: the user id says whose key it claims to be, the 256-bit secret
/// proves it. Only the SHA-256 of the whole key is stored (in the user grain).
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "cg_";

    public static string NewUserId() => Guid.NewGuid().ToString("N");

    public static string Create(string userId) => $"{Prefix}{userId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The user id a key claims, or null if the key is malformed.</summary>
    public static string? ClaimedUserId(string? key)
    {
        if (key is null || key.Length != Prefix.Length + 32 + 1 + 43 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + 32] != '_')
            return null;
        var userId = key.Substring(Prefix.Length, 32);
        return IsUserId(userId) ? userId : null;
    }

    public static bool IsUserId(string? value) => value is { Length: 32 } && !value.AsSpan().ContainsAnyExcept("0123456789abcdef");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
