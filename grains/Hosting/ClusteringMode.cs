namespace CreativeGen.Grains.Hosting;

/// <summary>How silos find each other.</summary>
public enum ClusteringMode
{
    /// <summary>One silo (or a few on one machine) on loopback; no database.</summary>
    Localhost,

    /// <summary>Membership in PostgreSQL through Orleans ADO.NET clustering.</summary>
    AdoNet,
}

/// <summary>Where grain state lives.</summary>
public enum StorageMode
{
    /// <summary>Local files under the state directory (atomic writes): the embedded default.</summary>
    File,

    /// <summary>PostgreSQL through Orleans ADO.NET persistence.</summary>
    AdoNet,

    /// <summary>In memory only (lost on restart); for experiments.</summary>
    Memory,
}
