using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CreativeGen.Client.Gateway;
using CreativeGen.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Cluster.Tests.Security;

/// <summary>A real silo on loopback ports with CreativeGen:Tls on: only clients holding the cluster certificate get in.</summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string Password = "test-password";
    private readonly TempDirectory folder = TestSupport.TempDirectory();
    private readonly CreativeGenSiloOptions silo = new()
    {
        Storage = StorageMode.Memory,
        ModelHost = false,
        SiloPort = TestSupport.FreePort(),
        GatewayPort = TestSupport.FreePort(),
        ClusterId = "tls-test",
        ServiceId = "tls-test",
        ResponseTimeoutSeconds = 10,
    };
    private IHost host = null!;

    public async Task InitializeAsync()
    {
        silo.Tls = Tls(WriteCertificate("cluster.pfx"));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(orleans => orleans.AddCreativeGen(silo));
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task AClientWithTheClusterCertificate_CallsGrains()
    {
        var hosts = await WithClientAsync(silo.Tls, grains => grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));

        Assert.Single(hosts);
    }

    [Fact]
    public async Task AClientWithoutTls_OrWithAnotherCertificate_CannotConnect()
    {
        var plain = await Record.ExceptionAsync(() => WithClientAsync(new ClusterTlsOptions(), grains => grains.GetGrain<IManagementGrain>(0).GetHosts()));
        var stranger = await Record.ExceptionAsync(() => WithClientAsync(Tls(WriteCertificate("stranger.pfx")), grains => grains.GetGrain<IManagementGrain>(0).GetHosts()));

        Assert.NotNull(plain);
        Assert.NotNull(stranger);
    }

    [Fact]
    public void Trust_IsTheClusterCertificateOrTheAuthoritysWithinTheirValidity()
    {
        using var own = SelfSigned("CN=cluster");
        using var other = SelfSigned("CN=other");
        using var authority = SelfSigned("CN=authority", isAuthority: true);
        using var issued = Issued(authority, "CN=member");
        var now = DateTime.Now;

        Assert.True(ClusterTls.Trusts(own, own, null, now));
        Assert.False(ClusterTls.Trusts(other, own, null, now));
        Assert.False(ClusterTls.Trusts(issued, own, null, now));
        Assert.True(ClusterTls.Trusts(issued, own, [authority], now));
        Assert.False(ClusterTls.Trusts(other, own, [authority], now));
        Assert.False(ClusterTls.Trusts(own, own, null, now.AddYears(3))); // expired
    }

    private async Task<T> WithClientAsync<T>(ClusterTlsOptions tls, Func<IGrainFactory, Task<T>> call)
    {
        var options = new CreativeGenSiloOptions { ClusterId = silo.ClusterId, ServiceId = silo.ServiceId, GatewayPort = silo.GatewayPort, ResponseTimeoutSeconds = 10, Tls = tls };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => GatewayApplication.ConfigureClusterClient(client, $"localhost:{silo.GatewayPort}", options));
        using var client = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.StartAsync(timeout.Token);
        try
        {
            return await call(client.Services.GetRequiredService<IGrainFactory>()).WaitAsync(timeout.Token);
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
        }
    }

    private static ClusterTlsOptions Tls(string path) => new() { Enabled = true, CertificatePath = path, CertificatePassword = Password };

    private string WriteCertificate(string name)
    {
        using var certificate = SelfSigned("CN=creativegen-cluster");
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static X509Certificate2 SelfSigned(string subject, bool isAuthority = false)
    {
        using var key = RSA.Create(2048);
        var request = Request(subject, key, isAuthority);
        return request.CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddYears(1));
    }

    private static X509Certificate2 Issued(X509Certificate2 authority, string subject)
    {
        using var key = RSA.Create(2048);
        var request = Request(subject, key, isAuthority: false);
        using var certificate = request.Create(authority, DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddMonths(6), [1, 2, 3, 4]);
        return certificate.CopyWithPrivateKey(key);
    }

    private static CertificateRequest Request(string subject, RSA key, bool isAuthority)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isAuthority, false, 0, isAuthority));
        if (isAuthority) request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        else request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request;
    }
}
