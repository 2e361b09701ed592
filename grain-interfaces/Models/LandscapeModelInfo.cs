namespace CreativeGen.GrainInterfaces.Models;

/// <summary>A loaded landscape model: identity, categories, resolution, batching limit, and the silo it runs on.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.LandscapeModelInfo")]
public sealed record LandscapeModelInfo(string Name, string Version, string[] Categories, int Resolution, BatchLimits Batching, string Silo);
