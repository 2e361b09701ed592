using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Ml.Tests.Music.Sampling;

/// <summary>
/// Issue 9: a recipe regenerates the same bytes under load. 64 recipes of the shipped model, each generated alone, all
/// in one batch of 64, and arriving at random moments into a continuously stepping batch.
/// </summary>
public sealed class DefaultModelBatchInvarianceTests
{
    public DefaultModelBatchInvarianceTests() => TorchRuntime.Initialize();

    /// <summary>Varied recipes: lengths 3-11 s, temperatures, top-k, top-p, tempi, the model's default and named composers.</summary>
    public static MusicRequest[] Recipes(IReadOnlyList<string> knownComposers, int count = 64)
    {
        var composers = knownComposers.Take(3).Prepend(null).ToArray();
        return [.. Enumerable.Range(0, count).Select(i => new MusicRequest(
            composers[i % composers.Length], 3 + i % 9, 0.8 + 0.05 * (i % 7), i % 5 == 0 ? 30 : null, i % 3 == 0 ? 0.92 : null,
            1_000 + i, i % 4 == 0 ? 100 : null))];
    }

    [Fact]
    public async Task Generate_64RecipesAloneInABatchOf64AndArrivingAtRandom_ByteIdentical()
    {
        using var generator = MusicModelLoader.LoadGenerator(DefaultModels.Require(DefaultModels.MusicFileName));
        var recipes = Recipes(generator.Composers);

        var alone = recipes.Select(r => generator.GenerateMidi([r])[0]).ToArray();
        var batched = generator.GenerateMidi(recipes);
        using var continuous = generator.StartContinuous(maxStreams: 64);
        var random = new Random(9);
        var arrivals = recipes.Select(async (recipe, i) =>
        {
            await Task.Delay(random.Next(0, 400));
            return await continuous.GenerateMidiAsync(recipe);
        }).ToArray();
        var arrived = await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromMinutes(3));

        for (var i = 0; i < recipes.Length; i++)
        {
            Assert.True(alone[i].AsSpan().SequenceEqual(batched[i]), $"recipe {i}: alone and in a batch of {recipes.Length} differ");
            Assert.True(alone[i].AsSpan().SequenceEqual(arrived[i]), $"recipe {i}: alone and arriving at random differ");
        }
    }
}
