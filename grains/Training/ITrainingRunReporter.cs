using CreativeGen.GrainInterfaces.Training;

namespace CreativeGen.Grains.Training;

/// <summary>
/// The role a training coordinator plays towards its own run: the run's thread reports epochs and its end here, so
/// that state changes and publishing happen on the grain's scheduler. It lives in the grains assembly, not among the
/// contracts clients compile against, and every call carries the run's token, a secret the grain hands only to the
/// thread it started: a caller that is not that run is refused. The checkpoint to publish is never taken from the
/// caller; the coordinator derives it from its own job.
/// </summary>
[Alias("CreativeGen.ITrainingRunReporter")]
public interface ITrainingRunReporter : IGrainWithStringKey
{
    [Alias("ReportEpoch")]
    Task ReportEpochAsync(Guid runToken, EpochReport report);

    [Alias("ReportEnd")]
    Task ReportEndAsync(Guid runToken, TrainingPhase phase, string message);
}
