namespace CreativeGen.GrainInterfaces.Users;

/// <summary>A request for one landscape. Every null parameter is filled from the user's preferences.</summary>
/// <param name="Resolution">If given, must equal the model's output resolution (models paint one size).</param>
[GenerateSerializer, Immutable, Alias("CreativeGen.LandscapeOrder")]
public sealed record LandscapeOrder(
    string? Category = null,
    double? Truncation = null,
    long? Seed = null,
    int? Resolution = null,
    string? Model = null);
