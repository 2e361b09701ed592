namespace CreativeGen.Grains.Hosting;

/// <summary>Names of the grain storage providers.</summary>
public static class StorageNames
{
    /// <summary>User and recipe state.</summary>
    public const string Default = "creativegen";
}
