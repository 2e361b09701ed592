namespace CreativeGen.GrainInterfaces.Content;

/// <summary>Words for a piece: the rhyme scheme and an optional theme. The recipe's seed also seeds the words.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.LyricParameters")]
public sealed record LyricParameters(string Scheme, string? Theme);
