namespace CreativeGen.Grains.Storage;

/// <summary>Where the embedded file store keeps grain state.</summary>
public sealed class FileGrainStorageOptions
{
    public string RootDirectory { get; set; } = "state";
}
