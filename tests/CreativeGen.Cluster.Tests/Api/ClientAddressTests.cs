using System.Net;
using CreativeGen.Client.Gateway.RateLimiting;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ClientAddressTests
{
    [Fact]
    public void PartitionKey_IPv4_IsTheAddress_AlsoWhenMappedIntoIPv6()
    {
        Assert.Equal("203.0.113.7", ClientAddress.PartitionKey(IPAddress.Parse("203.0.113.7")));
        Assert.Equal("203.0.113.7", ClientAddress.PartitionKey(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.NotEqual(ClientAddress.PartitionKey(IPAddress.Parse("203.0.113.7")), ClientAddress.PartitionKey(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public void PartitionKey_IPv6_IsShared_WithinA64()
    {
        var first = ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:2:aaaa::1"));

        Assert.Equal("2001:db8:1:2::/64", first);
        Assert.Equal(first, ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:2:ffff:1234:5678:9abc")));
        Assert.NotEqual(first, ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void PartitionKey_NoAddress_IsOnePartition() =>
        Assert.Equal(ClientAddress.PartitionKey(null), ClientAddress.PartitionKey(null));
}
