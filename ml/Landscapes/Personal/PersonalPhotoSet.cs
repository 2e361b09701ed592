using CreativeGen.Ml.Landscapes.Data;
using CreativeGen.Ml.Landscapes.Imaging;
using TorchSharp;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>A folder of a user's photos (JPEG/PNG, no sub-folders) as a one-category dataset, "personal".</summary>
public static class PersonalPhotoSet
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png"];

    /// <summary>
    /// Decodes every photo in <paramref name="folder"/> (sorted by name) at <paramref name="resolution"/>. A file that
    /// fails <see cref="PhotoCheck"/> is skipped with a line naming it and the reason; fewer than
    /// <see cref="PhotoLimits.MinPhotosToTrain"/> usable photos is an error.
    /// </summary>
    public static LandscapeDataset Load(string folder, int resolution, PhotoLimits? limits = null, Action<string>? log = null)
    {
        limits ??= PhotoLimits.Default;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Photo folder not found: {folder}");
        var files = Directory.GetFiles(folder).Where(p => Extensions.Contains(Path.GetExtension(p).ToLowerInvariant())).Order(StringComparer.Ordinal).ToList();
        if (files.Count > limits.MaxPhotos)
            throw new InvalidDataException($"{folder} holds {files.Count} photos; a personal model takes at most {limits.MaxPhotos}.");
        var pixels = new List<byte[]>();
        var skipped = new List<SkippedImage>();
        foreach (var path in files)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                PhotoCheck.Validate(Path.GetFileName(path), bytes, limits);
                pixels.Add(SquareImage.DecodeRgb(bytes, resolution));
            }
            catch (Exception error) when (error is PhotoRejectedException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                var reason = new SkippedImage(path, error is PhotoRejectedException rejected ? rejected.Reason : error.Message);
                skipped.Add(reason);
                log?.Invoke(reason.ToString());
            }
        }
        if (pixels.Count < limits.MinPhotosToTrain)
            throw new InvalidDataException($"{folder} has {pixels.Count} usable photos ({skipped.Count} skipped); a personal model needs at least {limits.MinPhotosToTrain}.");
        log?.Invoke($"loaded {pixels.Count} photos from {folder} at {resolution}px ({skipped.Count} skipped)");
        var flat = new byte[(long)pixels.Count * resolution * resolution * 3];
        for (var i = 0; i < pixels.Count; i++) Buffer.BlockCopy(pixels[i], 0, flat, i * pixels[i].Length, pixels[i].Length);
        var tensor = torch.tensor(flat, [pixels.Count, resolution, resolution, 3]).permute(0, 3, 1, 2).contiguous(); // (N, 3, R, R)
        return new LandscapeDataset([PersonalCategory.Name], resolution, tensor, torch.zeros(pixels.Count, dtype: torch.int64), skipped);
    }
}
