namespace CreativeGen.Ml.Tests;

/// <summary>
/// Locates the real data set shared beside the repository (`../shared/data` from the repository root,
/// or CREATIVEGEN_DATA) and the small fixtures shipped with the tests.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RepositoryRootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CreativeGen.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException("CreativeGen.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>The shared real data folder. Fails (never skips) when it is missing: these tests need real data.</summary>
    public static string SharedData
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("CREATIVEGEN_DATA");
            var path = configured is { Length: > 0 } ? configured : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"Shared data not found at {path}; set CREATIVEGEN_DATA.");
        }
    }

    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);
}
