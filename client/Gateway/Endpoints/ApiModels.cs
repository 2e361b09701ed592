namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>Answer to POST /v1/users. The key is shown once; only its hash is stored.</summary>
public sealed record CreatedUser(string UserId, string ApiKey);

/// <summary>Body of POST /v1/users/{id}/ratings.</summary>
public sealed record RatingRequest(string RecipeId, int Stars, string? Comment = null);
