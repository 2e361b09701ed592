namespace CreativeGen.GrainInterfaces.Content;

/// <summary>Fully specified landscape parameters: with a seed, a recipe.</summary>
[GenerateSerializer, Immutable, Alias("CreativeGen.LandscapeParameters")]
public sealed record LandscapeParameters(string Category, double Truncation);
