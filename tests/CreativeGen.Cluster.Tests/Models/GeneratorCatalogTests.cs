using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Grains.Models;

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
        Assert.Same(generator, catalog.GetMusic("MUSIC-PIANO"));
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
}
