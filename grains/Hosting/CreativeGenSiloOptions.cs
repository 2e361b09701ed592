using CreativeGen.Grains.Batching;

namespace CreativeGen.Grains.Hosting;

/// <summary>
/// A silo's configuration: section "CreativeGen" of appsettings.json, or environment variables such as
/// CreativeGen__Clustering=AdoNet, CreativeGen__ConnectionString=..., CreativeGen__ModelHost=false.
/// </summary>
public sealed class CreativeGenSiloOptions
{
    public const string Section = "CreativeGen";

    public ClusteringMode Clustering { get; set; } = ClusteringMode.Localhost;

    public StorageMode Storage { get; set; } = StorageMode.File;

    /// <summary>PostgreSQL connection string (Npgsql format) for ADO.NET clustering and storage.</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "creativegen";

    public string ServiceId { get; set; } = "creativegen";

    /// <summary>Folder of the embedded file store.</summary>
    public string StateDirectory { get; set; } = "state";

    /// <summary>Marks this silo as a model host in its silo metadata; only such silos activate model grains.</summary>
    public bool ModelHost { get; set; } = true;

    /// <summary>Folder with the model files; null: the shipped default models (see CreativeGen.Ml.Common.DefaultModels).</summary>
    public string? ModelDirectory { get; set; }

    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// Port clients (the HTTP gateway, `--cluster`) connect to; 0: this silo takes no client connections. Model hosts
    /// may run without one: a client whose gateway silo dies waits out ResponseTimeoutSeconds on the requests it had
    /// sent through it, while requests routed through a surviving gateway fail at once when the dead silo is declared dead.
    /// </summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients use to reach this one (ADO.NET clustering); null: this host's address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Apply deploy/sql to the database when the silo starts (idempotent); otherwise run `creativegen db init`.</summary>
    public bool ApplySchemaOnStart { get; set; }

    /// <summary>How long a grain call may take (generation under load can queue for a while).</summary>
    public double ResponseTimeoutSeconds { get; set; } = 120;

    /// <summary>Period of a running training's resume reminder: at most this long (after the silo is declared dead) before another model host resumes it.</summary>
    public double TrainingResumeSeconds { get; set; } = 60;

    public BatchingOptions Batching { get; set; } = new();

    public DefaultModelNames Models { get; set; } = new();

    /// <summary>Mutual TLS between silos and clients (off by default).</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    public bool UsesPostgres => Clustering == ClusteringMode.AdoNet || Storage == StorageMode.AdoNet;

    public void Validate()
    {
        if (UsesPostgres && string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException($"{Section}:ConnectionString is required when clustering or storage is AdoNet (PostgreSQL).");
        if (SiloPort is < 1 or > 65535 || GatewayPort is < 0 or > 65535)
            throw new ArgumentException($"{Section}:SiloPort must be a TCP port (1..65535) and {Section}:GatewayPort one or 0 (no client gateway on this silo).");
        if (ResponseTimeoutSeconds is <= 0 or > 3600)
            throw new ArgumentException($"{Section}:ResponseTimeoutSeconds must be within (0, 3600].");
        if (TrainingResumeSeconds is < 1 or > 3600)
            throw new ArgumentException($"{Section}:TrainingResumeSeconds must be within 1..3600.");
        Batching.Validate();
        Tls.Validate(Section);
    }
}
