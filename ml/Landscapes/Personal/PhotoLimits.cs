namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>What a user's photo must be: JPEG or PNG, within a file size and a size in pixels, and how many a user keeps.</summary>
public sealed record PhotoLimits(
    long MaxFileBytes = 8_000_000,
    int MinSide = 64,
    int MaxSide = 8192,
    int MaxPhotos = 100,
    int MinPhotosToTrain = 3)
{
    public static PhotoLimits Default { get; } = new();
}

/// <summary>A photo refused, with its (client's) file name and why.</summary>
public sealed class PhotoRejectedException(string fileName, string reason)
    : Exception($"{fileName}: {reason}")
{
    public string FileName { get; } = fileName;
    public string Reason { get; } = reason;
}
