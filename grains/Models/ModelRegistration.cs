using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>
/// A music model the catalog can load: the grain key it answers to, how to load the current version, and how to load
/// an earlier version by its version id (null when that version is not kept), so old recipes still regenerate.
/// <see cref="ArchiveFolder"/>: where versions are kept as "&lt;checkpoint hash&gt;.ckpt" (training publishes new ones there),
/// or null when this model has no archive on disk.
/// </summary>
public sealed record MusicModelRegistration(string Name, Func<IMusicGenerator> Load, Func<string, IMusicGenerator?>? LoadArchived = null, string? ArchiveFolder = null);

/// <summary>A landscape model the catalog can load; see <see cref="MusicModelRegistration"/>.</summary>
public sealed record LandscapeModelRegistration(string Name, Func<ILandscapeGenerator> Load, Func<string, ILandscapeGenerator?>? LoadArchived = null);
