using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Music;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CreativeGen.Silo.Health;

/// <summary>
/// Healthy once the default music and landscape models have been loaded from the model directory on the configured
/// device (the same loaders the model grains use), which proves the files are there and intact and libtorch works.
/// Loaded once per process (a few seconds), off the probe's clock after that; a failure is retried at the next probe.
/// </summary>
public sealed class DefaultModelsCheck(string? modelDirectory) : IHealthCheck
{
    private static readonly Lock Gate = new();
    private static Task<string>? loading;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<string> attempt;
        lock (Gate) attempt = loading is { IsFaulted: false } current ? current : loading = Task.Run(Load, CancellationToken.None);
        try
        {
            return HealthCheckResult.Healthy(await attempt.WaitAsync(cancellationToken));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"default models do not load: {error.Message}");
        }
    }

    private string Load()
    {
        var directory = modelDirectory ?? DefaultModels.Directory;
        TorchRuntime.Initialize();
        using var music = MusicModelLoader.Load(Path.Combine(directory, DefaultModels.MusicFileName));
        using var landscape = LandscapeModelLoader.Load(Path.Combine(directory, DefaultModels.LandscapeFileName));
        return $"{music.ModelVersion} and {landscape.ModelVersion} load on {TorchDevice.Name}";
    }
}
