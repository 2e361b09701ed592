namespace CreativeGen.Ml.Tests.Music.Pop;

/// <summary>POP909 song folders from the shared data (tests using them skip without it).</summary>
public static class PopTestData
{
    public static string Train => Path.Combine(MusicTestData.MusicRoot, "pop909", "train");

    public static string Val => Path.Combine(MusicTestData.MusicRoot, "pop909", "val");

    /// <summary>Every n-th song folder of a split, at most <paramref name="count"/>.</summary>
    public static IReadOnlyList<string> Songs(string split, int count, int stride = 37) =>
        [.. Directory.EnumerateDirectories(split).Order(StringComparer.Ordinal).Where((_, i) => i % stride == 0).Take(count)];
}
