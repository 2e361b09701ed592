using System.Net;
using System.Net.Sockets;

namespace CreativeGen.Cluster.Tests;

/// <summary>Small helpers shared by the tests.</summary>
public static class TestSupport
{
    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A fresh temporary directory, deleted when the returned handle is disposed.</summary>
    public static TempDirectory TempDirectory() => new(Directory.CreateTempSubdirectory("creativegen-test-").FullName);
}

public sealed class TempDirectory(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
