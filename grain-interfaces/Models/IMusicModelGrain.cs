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

    /// <summary>
    /// Serves <paramref name="version"/> from now on (a version in the model archive; null: the default file), without
    /// failing a request: the new version is loaded and calibrated while the current one serves, then takes new
    /// requests while the old one finishes its own. Persisted, so a reactivation serves the same version.
    /// </summary>
    [Alias("Swap")]
    Task<MusicModelInfo> SwapAsync(string? version);

    /// <summary>As <see cref="SwapAsync"/>, for this replica only (<see cref="SwapAsync"/> calls it on the others).</summary>
    [Alias("SwapReplica")]
    Task<MusicModelInfo> SwapReplicaAsync(string? version);

    [Alias("Generate")]
    Task<GeneratedBytes> GenerateAsync(MusicParameters parameters, long seed);
}
