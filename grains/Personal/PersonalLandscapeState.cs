using CreativeGen.GrainInterfaces.Personal;

namespace CreativeGen.Grains.Personal;

/// <summary>A user's personal-landscape state: their photos (as stored) and their fine-tune.</summary>
[GenerateSerializer, Alias("CreativeGen.PersonalLandscapeState")]
public sealed class PersonalLandscapeState
{
    [Id(0)] public List<StoredPhoto> Photos { get; set; } = [];

    /// <summary>File names on disk, in the order of <see cref="Photos"/>.</summary>
    [Id(1)] public List<string> StoredNames { get; set; } = [];

    [Id(2)] public int NextPhotoNumber { get; set; }

    [Id(3)] public PersonalModelPhase Phase { get; set; }

    [Id(4)] public long Step { get; set; }

    [Id(5)] public double CpuSeconds { get; set; }

    [Id(6)] public double BudgetCpuSeconds { get; set; }

    [Id(7)] public string? ModelVersion { get; set; }

    [Id(8)] public string? Message { get; set; }
}
