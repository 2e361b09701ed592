namespace CreativeGen.Grains.Placement;

/// <summary>The silo metadata entry that marks a silo as a model host (a silo with an accelerator, or one allowed to run models).</summary>
public static class ModelHost
{
    /// <summary>Silo metadata key; the value "true" marks a model host. As configuration: Orleans:Metadata:creativegen.model-host.</summary>
    public const string MetadataKey = "creativegen.model-host";

    public static Dictionary<string, string> Metadata(bool isModelHost) => new() { [MetadataKey] = isModelHost ? "true" : "false" };

    public static bool IsMarked(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(MetadataKey, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>This silo's own role, checked again when a model grain activates (the placement filter is the real gate).</summary>
public sealed record ModelHostRole(bool IsModelHost);
