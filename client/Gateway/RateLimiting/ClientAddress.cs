using System.Net;
using System.Net.Sockets;

namespace CreativeGen.Client.Gateway.RateLimiting;

/// <summary>Which rate-limit partition a client address falls in.</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv4 address (also when mapped into IPv6) is its own partition; an IPv6 address shares its /64, since one
    /// subscriber usually holds a whole /64 and could otherwise take a fresh address per request.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
