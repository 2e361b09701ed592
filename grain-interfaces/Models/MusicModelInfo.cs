namespace CreativeGen.GrainInterfaces.Models;

/// <summary>A loaded music model: identity, accepted composers, batching limit, and the silo it runs on.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.MusicModelInfo")]
public sealed record MusicModelInfo(string Name, string Version, string[] Composers, BatchLimits Batching, string Silo);
