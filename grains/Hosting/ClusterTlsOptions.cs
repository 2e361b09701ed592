namespace CreativeGen.Grains.Hosting;

/// <summary>
/// Mutual TLS between silos and between clients (the gateway, the CLI) and silos (CreativeGen:Tls). Every member
/// presents the cluster certificate (a PKCS#12 file, e.g. mounted from a Kubernetes Secret) and accepts a peer only if
/// the peer's certificate is that same certificate or, with <see cref="CertificateAuthorityPath"/>, one issued by that
/// authority. Off by default (loopback development); the Helm chart turns it on with a Secret.
/// </summary>
public sealed class ClusterTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PKCS#12 (.pfx/.p12) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The file's password; from an environment variable or Secret (CreativeGen__Tls__CertificatePassword), never a command line.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM file of a certificate authority whose certificates are accepted too (several certificates, one authority); null: only the cluster certificate itself.</summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>The name checked against the peer certificate's subject when connecting (SNI); null: not checked beyond the certificate itself.</summary>
    public string? TargetHost { get; set; }

    public void Validate(string section)
    {
        if (!Enabled) return;
        if (string.IsNullOrWhiteSpace(CertificatePath))
            throw new ArgumentException($"{section}:Tls:CertificatePath is required when {section}:Tls:Enabled is true.");
        if (!File.Exists(CertificatePath))
            throw new ArgumentException($"{section}:Tls:CertificatePath: no file at '{CertificatePath}'.");
        if (CertificateAuthorityPath is { } ca && !File.Exists(ca))
            throw new ArgumentException($"{section}:Tls:CertificateAuthorityPath: no file at '{ca}'.");
    }
}
