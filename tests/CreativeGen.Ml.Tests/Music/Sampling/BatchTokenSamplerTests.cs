using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Music.Sampling;

[Trait("Category", "BatchInvariance")] // also run under other kernel choices (tests/kernel-variants.sh)
public sealed class BatchTokenSamplerTests
{
    // Probabilities 0.05, 0.5, 0.15, 0.3 (ids 0..3): the nucleus for p = 0.8 is {1, 3} (0.5 + 0.3).
    private static readonly float[] Probabilities = [0.05f, 0.5f, 0.15f, 0.3f];

    public BatchTokenSamplerTests() => TorchRuntime.Initialize();

    [Fact]
    public void Sample_TopP_DrawsExactlyTheNucleusByInverseCdf()
    {
        // p = 0.79, not 0.8: whether 0.5 + 0.3 lands below or on 0.8 is a matter of float rounding.
        using var sampler = new BatchTokenSampler([new SamplingSettings(topP: 0.79)], allowed: 4);

        var drawn = Uniforms(400).Select(u => Draw(sampler, Probabilities, u)).ToArray();

        Assert.Equal([1L, 3L], drawn.Distinct().Order());
        // Ranked 1 then 3 with kept mass 0.8: u below 0.5 / 0.8 = 0.625 draws 1.
        Assert.Equal(1, Draw(sampler, Probabilities, 0.62));
        Assert.Equal(3, Draw(sampler, Probabilities, 0.63));
        Assert.Equal(3, Draw(sampler, Probabilities, 0.9999999999));
        Assert.Equal(0.625, drawn.Count(t => t == 1) / 400.0, 2);
    }

    [Fact]
    public void Sample_NucleusBoundary_IncludesTheTokenThatReachesP()
    {
        using var sampler = new BatchTokenSampler([new SamplingSettings(topP: 0.81)], allowed: 4);

        var drawn = Uniforms(400).Select(u => Draw(sampler, Probabilities, u)).Distinct().Order();

        Assert.Equal([1L, 2L, 3L], drawn); // 0.5 + 0.3 < 0.81, so the third most likely token joins
    }

    [Fact]
    public void Sample_TopK_KeepsTheKMostLikely()
    {
        using var sampler = new BatchTokenSampler([new SamplingSettings(topK: 3)], allowed: 4);

        var drawn = Uniforms(400).Select(u => Draw(sampler, Probabilities, u)).Distinct().Order();

        Assert.Equal([1L, 2L, 3L], drawn);
    }

    [Fact]
    public void Sample_WideNucleus_KeepsExactlyTheNucleusAloneOrBesideATopKRow()
    {
        // 200 tokens with slowly falling probabilities: the 0.9-nucleus holds more than a hundred of them.
        var weights = Enumerable.Range(0, 200).Select(i => Math.Exp(-i / 80.0)).ToArray();
        var probabilities = weights.Select(w => (float)(w / weights.Sum())).ToArray();
        var order = Enumerable.Range(0, 200).OrderByDescending(i => probabilities[i]).ToArray();
        var mass = 0.0;
        var nucleus = order.TakeWhile(i => (mass += probabilities[i]) - probabilities[i] < 0.9).Select(i => (long)i).Order().ToArray();
        using var alone = new BatchTokenSampler([new SamplingSettings(topP: 0.9)], allowed: 200);
        using var pair = new BatchTokenSampler([new SamplingSettings(topK: 3), new SamplingSettings(topP: 0.9)], allowed: 200);
        var logits = probabilities.Select(p => MathF.Log(p)).ToArray();
        using var both = torch.tensor(logits.Concat(logits).ToArray(), [2, 200]);

        var drawn = Uniforms(4000).Select(u => Draw(alone, probabilities, u)).ToArray();
        var inPair = Uniforms(4000).Select(u => pair.Sample(both, null, [0.5, u])[1]).ToArray();

        Assert.InRange(nucleus.Length, 100, 199);
        Assert.Equal(nucleus, drawn.Distinct().Order());
        Assert.Equal(drawn, inPair);
    }

    [Fact]
    public void Sample_NoFiltering_InverseCdfInIdOrderOverAllTokens()
    {
        using var sampler = new BatchTokenSampler([new SamplingSettings()], allowed: 4);

        Assert.Equal(0, Draw(sampler, Probabilities, 0.04));
        Assert.Equal(1, Draw(sampler, Probabilities, 0.06));
        Assert.Equal(2, Draw(sampler, Probabilities, 0.6));
        Assert.Equal(3, Draw(sampler, Probabilities, 0.71));
    }

    [Fact]
    public void Sample_BlockedOrOutsideTheAllowedIds_NeverDrawn()
    {
        // Token 1 is the most likely but blocked; id 4 exists in the logits but is not allowed.
        using var sampler = new BatchTokenSampler([new SamplingSettings(temperature: 2)], allowed: 4);
        float[] probabilities = [0.05f, 0.5f, 0.15f, 0.1f, 0.2f];

        var drawn = Uniforms(400).Select(u => Draw(sampler, probabilities, u, blocked: [false, true, false, false])).Distinct().Order();

        Assert.Equal([0L, 2L, 3L], drawn);
    }

    [Fact]
    public void Sample_RowAloneOrAmongDifferentNeighbours_SameToken()
    {
        var random = new Random(7);
        var settings = new SamplingSettings(0.9, topK: 40, topP: 0.9);
        SamplingSettings[] neighbours = [new(1.3), new(0.7, topP: 0.5), settings, new(1.0, topK: 3)];
        using var alone = new BatchTokenSampler([settings], allowed: 100);
        using var batch = new BatchTokenSampler(neighbours, allowed: 100);

        for (var trial = 0; trial < 200; trial++)
        {
            var logits = Enumerable.Range(0, 4 * 120).Select(_ => (float)(random.NextDouble() * 8)).ToArray();
            var blocked = Enumerable.Range(0, 4 * 100).Select(_ => random.NextDouble() < 0.2).ToArray();
            var uniforms = Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray();
            using var all = torch.tensor(logits, [4, 120]);
            using var row = all.narrow(0, 2, 1);

            var together = batch.Sample(all, blocked, uniforms);
            var single = alone.Sample(row, blocked[200..300], [uniforms[2]]);

            Assert.Equal(single[0], together[2]);
            Assert.False(blocked[200 + (int)single[0]]);
        }
    }

    [Fact]
    public void KeepRows_RemainingRowsKeepTheirSettings()
    {
        using var sampler = new BatchTokenSampler([new SamplingSettings(topK: 1), new SamplingSettings(), new SamplingSettings(topP: 0.8)], allowed: 4);
        var logits = Probabilities.Concat(Probabilities).Concat(Probabilities).Select(p => MathF.Log(p)).ToArray();

        sampler.KeepRows([2, 0]);
        using var two = torch.tensor(logits[..8], [2, 4]);

        Assert.Equal([3L, 1L], sampler.Sample(two, null, [0.7, 0.99]));
        Assert.Throws<ArgumentException>(() => sampler.Sample(two, null, [0.5]));
    }

    private static double[] Uniforms(int count) => [.. Enumerable.Range(0, count).Select(i => (i + 0.5) / count)];

    private static long Draw(BatchTokenSampler sampler, float[] probabilities, double uniform, bool[]? blocked = null)
    {
        using var logits = torch.tensor(probabilities.Select(p => MathF.Log(p)).ToArray(), [1, probabilities.Length]);
        return sampler.Sample(logits, blocked, [uniform])[0];
    }
}
