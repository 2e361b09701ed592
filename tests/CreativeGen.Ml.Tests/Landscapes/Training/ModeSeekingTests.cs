using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes.Training;

public sealed class ModeSeekingTests
{
    public ModeSeekingTests() => TorchRuntime.Initialize();

    [Fact]
    public void PairedLabels_OddBatch_SecondHalfRepeatsTheFirstAndTheLastIsKept()
    {
        var paired = ModeSeeking.PairedLabels(torch.tensor(new long[] { 3, 1, 2, 0, 2 }));
        Assert.Equal(new long[] { 3, 1, 3, 1, 2 }, paired.data<long>().ToArray());
    }

    [Fact]
    public void Penalty_CollapsedPairs_FarAboveVariedPairsAndItsGradientPushesThemApart()
    {
        using var random = new torch.Generator(8);
        var latents = torch.randn([8, 16], generator: random);
        var image = torch.randn([1, 3, 8, 8], generator: random);
        var collapsed = image.expand(8, 3, 8, 8).add(torch.randn([8, 3, 8, 8], generator: random).mul(0.01)).requires_grad_(true);
        var varied = torch.randn([8, 3, 8, 8], generator: random);

        var collapsedPenalty = ModeSeeking.Penalty(collapsed, latents);
        var variedPenalty = ModeSeeking.Penalty(varied, latents).item<float>();
        Assert.True(collapsedPenalty.item<float>() > 20 * variedPenalty, $"collapsed {collapsedPenalty.item<float>()} vs varied {variedPenalty}");

        collapsedPenalty.backward();
        using var noGrad = torch.no_grad();
        var step = collapsed.sub(collapsed.grad!.mul(1e-3));
        Assert.True(ModeSeeking.Penalty(step, latents).item<float>() < collapsedPenalty.item<float>());
    }

    [Fact]
    public void Options_ModeSeekingWeight_Validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GanTrainingOptions.Landscape().With(modeSeekingWeight: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GanTrainingOptions.Landscape().With(modeSeekingWeight: double.NaN));
        Assert.Equal(0.5, GanTrainingOptions.Landscape().With(modeSeekingWeight: 0.5).ModeSeekingWeight);
    }
}
