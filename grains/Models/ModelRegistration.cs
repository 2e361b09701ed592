using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;

namespace CreativeGen.Grains.Models;

/// <summary>A music model the catalog can load: the grain key it answers to, and how to load it.</summary>
public sealed record MusicModelRegistration(string Name, Func<IMusicGenerator> Load);

/// <summary>A landscape model the catalog can load: the grain key it answers to, and how to load it.</summary>
public sealed record LandscapeModelRegistration(string Name, Func<ILandscapeGenerator> Load);
