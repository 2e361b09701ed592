namespace CreativeGen.GrainInterfaces.Models;

/// <summary>A loaded music model: identity, accepted composers, batching limit, the silo it runs on and where its sampling computes.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicModelInfo")]
public sealed record MusicModelInfo(string Name, string Version, string[] Composers, BatchLimits Batching, string Silo, string Device);
