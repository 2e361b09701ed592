using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Grains.Models;
using CreativeGen.Ml.Music;

namespace CreativeGen.Cluster.Tests.Models;

public sealed class GeneratorCatalogTests
{
    [Fact]
    public void FailedLoad_IsReportedAsUnavailable_AndRetriedOnTheNextUse()
    {
        var attempts = 0;
        var generator = new FixedPatternMusicGenerator();
        var catalog = new GeneratorCatalog(
            [new MusicModelRegistration("music-piano", () => ++attempts == 1 ? throw new FileNotFoundException("music-piano.ckpt not found") : generator)], []);

        var error = Assert.Throws<GenerationRequestException>(() => catalog.GetMusic("music-piano"));

        Assert.Equal(GenerationErrorKind.Unavailable, error.Kind);
        Assert.Contains("music-piano.ckpt", error.Message);
        Assert.Same(generator, catalog.GetMusic("music-piano"));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void UnknownModel_IsNotFound_ListingTheKnownOnes()
    {
        var catalog = new GeneratorCatalog([], [new LandscapeModelRegistration("landscape-64", () => new FixedPatternLandscapeGenerator())]);

        var error = Assert.Throws<GenerationRequestException>(() => catalog.GetLandscape("landscape-1024"));

        Assert.Equal(GenerationErrorKind.NotFound, error.Kind);
        Assert.Contains("landscape-64", error.Message);
    }

    [Theory]
    [InlineData("Landscape-64")]
    [InlineData("LANDSCAPE-64")]
    [InlineData("Landscape-64@9041a2b2eb41")]
    public void CaseVariantOfAName_IsNotFound_OnlyTheExactNameIsKnown(string key)
    {
        var catalog = new GeneratorCatalog([], [new LandscapeModelRegistration("landscape-64", () => new FixedPatternLandscapeGenerator())]);

        var error = Assert.Throws<GenerationRequestException>(() => catalog.GetLandscape(key));

        Assert.Equal(GenerationErrorKind.NotFound, error.Kind);
        Assert.NotNull(catalog.GetLandscape("landscape-64"));
    }

    [Fact]
    public void ArchivedVersion_IsUnloadedWhenItsLastLeaseIsReturned_TheCurrentOneNever()
    {
        var loads = new List<CountingGenerator>();
        var current = new CountingGenerator("v1");
        var catalog = new GeneratorCatalog([new MusicModelRegistration("m", () => current, version =>
        {
            var archived = new CountingGenerator(version);
            loads.Add(archived);
            return archived;
        })], []);

        var first = catalog.LeaseMusic("m@v2");
        var second = catalog.LeaseMusic("m@v2");
        first.Dispose();
        first.Dispose(); // giving a lease back twice counts once
        var stillLoaded = !loads[0].Disposed;
        second.Dispose();
        var again = catalog.LeaseMusic("m@v2");
        catalog.LeaseMusic("m").Dispose();
        catalog.LeaseMusic("m@v1").Dispose(); // the current version under its version id
        var pinned = catalog.GetMusic("m@v3");
        catalog.LeaseMusic("m@v3").Dispose();

        Assert.True(stillLoaded);
        Assert.True(loads[0].Disposed);
        Assert.NotSame(loads[0], again.Generator);
        Assert.Equal(3, loads.Count); // v2 twice, v3 once
        Assert.False(current.Disposed);
        Assert.False(((CountingGenerator)pinned).Disposed);
    }

    /// <summary>A generator that only knows its version and whether it was disposed.</summary>
    private sealed class CountingGenerator(string version) : IMusicGenerator
    {
        public bool Disposed { get; private set; }

        public string ModelName => "m";

        public string ModelVersion => version;

        public IReadOnlyList<string> Composers => [];

        public IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken = default) =>
            [.. requests.Select(_ => Array.Empty<byte>())];

        public void Dispose() => Disposed = true;
    }
}
