using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Models;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Cluster.Tests.Models;

/// <summary>The shipped models with the shipped archive: an earlier landscape version still loads by its version id.</summary>
public sealed class ModelArchiveTests
{
    private const string ArchivedLandscapeVersion = "9041a2b2eb41.r3"; // the default before the mode-seeking model, rendering revision 3

    [Fact]
    public void DefaultModels_ArchivedVersion_LoadsThatVersionBesideTheCurrentOne()
    {
        using var provider = new ServiceCollection().AddDefaultModels(new DefaultModelNames(), DefaultModels.Directory).BuildServiceProvider();
        var catalog = provider.GetRequiredService<IGeneratorCatalog>();

        var current = catalog.GetLandscape("landscape-64");
        var archived = catalog.GetLandscape(ModelKey.Versioned("landscape-64", ArchivedLandscapeVersion));

        Assert.NotEqual(ArchivedLandscapeVersion, current.ModelVersion);
        Assert.Equal(ArchivedLandscapeVersion, archived.ModelVersion);
        var request = new[] { new LandscapeRequest("sea", 7, 1.0) };
        Assert.NotEqual(current.GeneratePng(request)[0], archived.GeneratePng(request)[0]);
        Assert.Same(current, catalog.GetLandscape(ModelKey.Versioned("landscape-64", current.ModelVersion)));
    }

    [Theory]
    [InlineData("0123456789ab")]   // never archived
    [InlineData("..")]             // not an id: never read as a path
    [InlineData("9041a2b2eb41.s9")] // the archived file, asked for under another sampling revision
    [InlineData("9041a2b2eb41")]    // rendering revision 1: batched passes, other last bits
    public void DefaultModels_VersionNotKept_IsGone(string version)
    {
        using var provider = new ServiceCollection().AddDefaultModels(new DefaultModelNames(), DefaultModels.Directory).BuildServiceProvider();
        var catalog = provider.GetRequiredService<IGeneratorCatalog>();

        var error = Assert.Throws<GenerationRequestException>(() => catalog.GetLandscape(ModelKey.Versioned("landscape-64", version)));

        Assert.Equal(GenerationErrorKind.Gone, error.Kind);
        Assert.Contains(version, error.Message);
    }
}
