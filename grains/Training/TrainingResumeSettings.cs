namespace CreativeGen.Grains.Training;

/// <summary>
/// How a training coordinator comes back after its silo is gone: its reminder ticks every <see cref="Period"/> while a
/// run is on (the worst-case wait before a surviving model host resumes it), and it resumes at most
/// <see cref="MaxResumes"/> times, so a job that kills its silo every time ends as Failed instead of looping.
/// </summary>
public sealed record TrainingResumeSettings(TimeSpan Period, int MaxResumes = 5);
