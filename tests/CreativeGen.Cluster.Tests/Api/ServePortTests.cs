using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using CreativeGen.Client.Commands.Serve;
using CreativeGen.Client.Gateway;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>`serve` refuses, naming the port, to start where something already listens; every port is an option.</summary>
public sealed class ServePortTests : IDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ServePortTests()
    {
        // Like Orleans' listeners: address reuse on (SO_REUSEADDR and, on Linux, SO_REUSEPORT).
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
    }

    private int TakenPort => ((IPEndPoint)listener.LocalEndPoint!).Port;

    public void Dispose() => listener.Dispose();

    [Theory]
    [InlineData("silo", "--silo-port")]
    [InlineData("gateway", "--gateway-port")]
    [InlineData("HTTP", "--url or --port")]
    public void EnsureFree_PortWithAListener_FailsNamingThePortAndTheOptionThatMovesIt(string role, string option)
    {
        var options = new GatewayOptions { Url = "http://127.0.0.1:0", Silo = { SiloPort = TestSupport.FreePort(), GatewayPort = TestSupport.FreePort() } };
        if (role == "silo") options.Silo.SiloPort = TakenPort;
        if (role == "gateway") options.Silo.GatewayPort = TakenPort;
        if (role == "HTTP") options.Url = $"http://localhost:{TakenPort}";

        var error = Assert.Throws<IOException>(() => PortCheck.EnsureFree(PortCheck.PortsOf(options)));

        Assert.Contains($"{role} port {TakenPort}", error.Message);
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void EnsureFree_FreePortsAndPortZero_Pass()
    {
        var options = new GatewayOptions { Url = "http://127.0.0.1:0", Silo = { SiloPort = TestSupport.FreePort(), GatewayPort = TestSupport.FreePort() } };

        PortCheck.EnsureFree(PortCheck.PortsOf(options));
    }

    [Fact]
    public void PortsOf_ExternalCluster_ChecksOnlyTheHttpPort()
    {
        var ports = PortCheck.PortsOf(new GatewayOptions { Url = "http://0.0.0.0:5080", Cluster = "localhost:30000" });

        Assert.Equal(new ServePort("HTTP", "--url or --port", IPAddress.Any, 5080), Assert.Single(ports));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", 6000, "http://127.0.0.1:6000")]
    [InlineData("http://*:5080", 0, "http://0.0.0.0:0")]
    public void WithPort_ReplacesThePortOfTheUrl(string url, int port, string expected) =>
        Assert.Equal(expected, PortCheck.WithPort(url, port));

    [Fact]
    public async Task Serve_SiloPortTaken_ExitsWithOneBeforeStartingAnything()
    {
        using var state = TestSupport.TempDirectory();
        var root = new RootCommand { ServeCommand.Create() };

        var exitCode = await root.Parse(["serve", "--port", "0", "--silo-port", TakenPort.ToString(), "--gateway-port", TestSupport.FreePort().ToString(),
            "--state", state.Path]).InvokeAsync();

        Assert.Equal(1, exitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(state.Path)); // no silo started, nothing written
    }
}
