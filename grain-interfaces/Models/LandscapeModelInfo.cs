namespace CreativeGen.GrainInterfaces.Models;

/// <summary>A loaded landscape model: identity, categories, resolution, batching limit, the silo it runs on and its torch device.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.LandscapeModelInfo")]
public sealed record LandscapeModelInfo(string Name, string Version, string[] Categories, int Resolution, BatchLimits Batching, string Silo, string Device);
