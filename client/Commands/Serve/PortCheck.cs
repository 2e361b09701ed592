using System.Net;
using System.Net.Sockets;

namespace CreativeGen.Client.Commands.Serve;

/// <summary>One port `serve` is about to listen on, and the option that moves it.</summary>
public sealed record ServePort(string Role, string Option, IPAddress Address, int Port);

/// <summary>
/// Fails fast, naming the port, when something already listens where `serve` would. Without it a second embedded
/// silo started on the same silo and gateway ports without a word (seen on Linux, where .NET's address reuse also
/// means SO_REUSEPORT), and operator commands then reached one process or the other.
/// </summary>
public static class PortCheck
{
    private const int LinuxSolSocket = 1;
    private const int LinuxSoReuseAddress = 2;

    /// <summary>The ports `serve` listens on: HTTP always, the silo's two when it embeds one.</summary>
    public static IReadOnlyList<ServePort> PortsOf(Gateway.GatewayOptions options)
    {
        var ports = new List<ServePort>();
        var url = ParseUrl(options.Url);
        ports.Add(new ServePort("HTTP", "--url or --port", HostAddress(url.Host), url.Port));
        if (options.Cluster is null)
        {
            var siloAddress = options.Silo.Clustering == Grains.Hosting.ClusteringMode.Localhost ? IPAddress.Loopback : IPAddress.Any;
            ports.Add(new ServePort("silo", "--silo-port", siloAddress, options.Silo.SiloPort));
            ports.Add(new ServePort("gateway", "--gateway-port", siloAddress, options.Silo.GatewayPort));
        }
        return ports;
    }

    /// <summary>Throws <see cref="IOException"/> naming the first port that is taken (port 0, "any free port", is not checked).</summary>
    public static void EnsureFree(IEnumerable<ServePort> ports)
    {
        foreach (var port in ports.Where(p => p.Port != 0))
        {
            using var socket = new Socket(port.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // SO_REUSEADDR alone: connections of an earlier run still in TIME_WAIT do not count, a live listener does.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(LinuxSolSocket, LinuxSoReuseAddress, BitConverter.GetBytes(1));
            try
            {
                socket.Bind(new IPEndPoint(port.Address, port.Port));
                socket.Listen(1);
            }
            catch (SocketException error) when (error.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                throw new IOException(
                    $"{port.Role} port {port.Port} ({port.Address}) is already in use, perhaps by another `creativegen serve`; " +
                    $"stop it or choose another port with {port.Option}.", error);
            }
        }
    }

    /// <summary><paramref name="url"/> with its port replaced (Kestrel's wildcard hosts * and + become 0.0.0.0).</summary>
    public static string WithPort(string url, int port) => new UriBuilder(ParseUrl(url)) { Port = port }.Uri.ToString().TrimEnd('/');

    private static Uri ParseUrl(string url) => new(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"));

    private static IPAddress HostAddress(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address
        : IPAddress.Any;
}
