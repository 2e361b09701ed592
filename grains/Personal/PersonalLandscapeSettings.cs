using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Personal;

namespace CreativeGen.Grains.Personal;

/// <summary>
/// Where personal landscapes live and how they are trained. <see cref="Root"/> is the model folder every model-host
/// silo shares (photos under personal/, published models under archive/personal/), so a personal model grain
/// reactivated on another silo loads the same file.
/// </summary>
public sealed record PersonalLandscapeSettings(
    string Root,
    string BaseModelPath,
    string BaseDiscriminatorPath,
    PhotoLimits Photos,
    PersonalFineTuneOptions FineTune,
    double MaxCpuMinutes = 60)
{
    /// <summary>Beside the shipped models in <paramref name="modelDirectory"/>, with the product limits and budget.</summary>
    public static PersonalLandscapeSettings Beside(string modelDirectory) => new(
        modelDirectory,
        Path.Combine(modelDirectory, DefaultModels.LandscapeFileName),
        Path.Combine(modelDirectory, BaseDiscriminatorFile.DefaultFileName),
        PhotoLimits.Default,
        PersonalFineTuneOptions.Default);
}
