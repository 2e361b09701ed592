namespace CreativeGen.Ml.Tests;

/// <summary>
/// Locates the real data set shared beside the repository (`../shared/data` from the repository root,
/// or CREATIVEGEN_DATA) and the small fixtures shipped with the tests.
/// </summary>
public static class TestData
{
    public const string DataVariable = "CREATIVEGEN_DATA";

    private static readonly Lazy<string> RepositoryRootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CreativeGen.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException("CreativeGen.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>Where the shared data is looked for: CREATIVEGEN_DATA, else `../shared/data` beside the repository.</summary>
    public static string SharedDataPath =>
        Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>True when CI=true: there the shared data is required and its absence is a failure, never a skip.</summary>
    public static bool IsContinuousIntegration =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared real data folder (see <see cref="RequireSharedData"/>).</summary>
    public static string SharedData => RequireSharedData();

    /// <summary>
    /// The shared real data folder. When it is missing, the calling test is skipped with a reason naming
    /// CREATIVEGEN_DATA (so a fresh clone passes), except under CI=true, where it fails: CI must run these tests.
    /// Call it from a [SkippableFact] or [SkippableTheory]; from a plain [Fact] the skip shows as a failure.
    /// </summary>
    public static string RequireSharedData()
    {
        var path = SharedDataPath;
        if (Directory.Exists(path)) return path;
        var message = $"Shared data not found at {path}; set {DataVariable} to the data folder (see README, Set-up).";
        if (IsContinuousIntegration) throw new DirectoryNotFoundException(message + " CI=true requires it.");
        throw new SkipException(message);
    }

    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
