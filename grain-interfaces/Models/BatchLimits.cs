namespace CreativeGen.GrainInterfaces.Models;

/// <summary>How a model grain batches: requests arriving within <see cref="WindowMilliseconds"/> of the first, up to <see cref="MaxBatchSize"/>.</summary>
/// <param name="Source">Where the maximum came from: "configured", "calibrated" or "disabled".</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.BatchLimits")]
public sealed record BatchLimits(int MaxBatchSize, double WindowMilliseconds, string Source);
