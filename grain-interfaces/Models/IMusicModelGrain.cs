using CreativeGen.GrainInterfaces.Content;

namespace CreativeGen.GrainInterfaces.Models;

/// <summary>
/// A loaded music model (key: model name). Activates only on model-host silos; concurrent requests are
/// batched dynamically into one forward pass.
/// </summary>
[Alias("CreativeGen.IMusicModelGrain")]
public interface IMusicModelGrain : IGrainWithStringKey
{
    [Alias("Describe")]
    Task<MusicModelInfo> DescribeAsync();

    [Alias("Generate")]
    Task<GeneratedBytes> GenerateAsync(MusicParameters parameters, long seed);
}
