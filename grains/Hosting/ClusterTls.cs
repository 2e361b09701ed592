using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace CreativeGen.Grains.Hosting;

/// <summary>Applies <see cref="ClusterTlsOptions"/> to a silo or a client (Microsoft.Orleans.Connections.Security).</summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        if (!options.Enabled) return silo;
        var certificate = Load(options);
        return silo.UseTls(certificate, tls => Configure(tls, options, certificate));
    }

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        if (!options.Enabled) return client;
        var certificate = Load(options);
        return client.UseTls(certificate, tls => Configure(tls, options, certificate));
    }

    /// <summary>
    /// True when <paramref name="peer"/> may join: within its validity period, and either the cluster certificate
    /// itself or issued by the configured authority. The platform's own verdict is not used: a cluster certificate is
    /// typically self-signed, and no public authority should vouch for a cluster member.
    /// </summary>
    public static bool Trusts(X509Certificate2 peer, X509Certificate2 own, X509Certificate2Collection? authority, DateTime now)
    {
        if (now < peer.NotBefore || now > peer.NotAfter) return false;
        if (CryptographicOperations.FixedTimeEquals(peer.RawData, own.RawData)) return true;
        if (authority is null || authority.Count == 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        return chain.Build(peer);
    }

    private static void Configure(TlsOptions tls, ClusterTlsOptions options, X509Certificate2 own)
    {
        var authority = options.CertificateAuthorityPath is { } path ? LoadAuthority(path) : null;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate; // a client without the certificate cannot call a grain
        tls.RemoteCertificateValidation = (peer, _, _) => Trusts(peer, own, authority, DateTime.Now);
        if (options.TargetHost is { } host) tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = host;
    }

    private static X509Certificate2 Load(ClusterTlsOptions options)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
        }
        catch (CryptographicException error)
        {
            throw new ArgumentException($"Tls:CertificatePath '{options.CertificatePath}' is not a PKCS#12 file this password opens ({error.Message}).", error);
        }
    }

    private static X509Certificate2Collection LoadAuthority(string path)
    {
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(path);
        return authority.Count > 0 ? authority : throw new ArgumentException($"Tls:CertificateAuthorityPath '{path}' holds no PEM certificate.");
    }
}
