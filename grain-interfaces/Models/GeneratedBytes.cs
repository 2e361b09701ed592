namespace CreativeGen.GrainInterfaces.Models;

/// <summary>Bytes from a model, with the version of the weights that made them.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.GeneratedBytes")]
public sealed record GeneratedBytes(string ModelVersion, byte[] Content);
