using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.GrainInterfaces.Models;

/// <summary>
/// A loaded landscape model (key: model name). Activates only on model-host silos; concurrent requests are
/// batched dynamically into one forward pass.
/// </summary>
[Alias("CreativeGen.ILandscapeModelGrain")]
public interface ILandscapeModelGrain : IGrainWithStringKey
{
    [Alias("Describe")]
    Task<LandscapeModelInfo> DescribeAsync();

    [Alias("Generate")]
    Task<GeneratedBytes> GenerateAsync(LandscapeParameters parameters, long seed);
}
