using CreativeGen.GrainInterfaces.Models;

namespace CreativeGen.Grains.Batching;

/// <summary>How a model grain hands requests to its model: batched by a window (<see cref="DynamicBatcher{TRequest, TResult}"/>) or continuously (<see cref="ContinuousMusicBatcher"/>).</summary>
public interface IRequestBatcher<in TRequest, TResult> : IAsyncDisposable
{
    /// <summary>Completes with the limits in force once they are known (after calibration, if any).</summary>
    Task<BatchLimits> Ready { get; }

    Task<TResult> EnqueueAsync(TRequest request);

    /// <summary>Takes no more requests, finishes the ones it holds, then stops (e.g. after a hot swap); disposing it after is a no-op.</summary>
    Task DrainAsync();
}
