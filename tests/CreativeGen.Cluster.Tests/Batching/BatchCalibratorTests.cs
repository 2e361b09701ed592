using CreativeGen.Grains.Batching;

namespace CreativeGen.Cluster.Tests.Batching;

public sealed class BatchCalibratorTests
{
    [Fact]
    public void Choose_PicksTheSmallestSizeNearTheBestRate()
    {
        // Shaped like the measured conv generator on this CPU: best per image at batch 4, slower beyond.
        var probes = new[] { Probe(1, 145), Probe(2, 211), Probe(4, 252), Probe(8, 110), Probe(16, 111) };

        Assert.Equal(4, BatchCalibrator.Choose(probes));
    }

    [Fact]
    public void Choose_PrefersASmallerBatchWhenItIsAlmostAsFast()
    {
        var probes = new[] { Probe(1, 100), Probe(2, 190), Probe(4, 370), Probe(8, 395), Probe(16, 400) };

        Assert.Equal(8, BatchCalibrator.Choose(probes)); // 395 >= 0.95 * 400, 370 is not
    }

    [Fact]
    public void Measure_FindsThePeakOfASimulatedDevice()
    {
        // Per-batch cost 8 ms, per-item 1 ms up to 8 items, then 6 ms per extra item (spills out of "cache").
        static void Run(int size) => Thread.Sleep(8 + Math.Min(size, 8) + 6 * Math.Max(0, size - 8));

        var probes = BatchCalibrator.Measure(Run, 64, TimeSpan.FromSeconds(2));

        Assert.Equal(8, BatchCalibrator.Choose(probes));
        Assert.True(probes.Count < 7, "calibration stops once throughput falls well past the peak");
    }

    [Fact]
    public void Resolve_ConfiguredMaximumSkipsCalibration()
    {
        var calls = 0;
        var options = new BatchingOptions { MaxBatchSize = 6, MaxBatchSizeByModel = { ["landscape-64"] = 4 } };

        Assert.Equal(6, BatchCalibrator.Resolve(options, "music-piano", _ => calls++).MaxBatchSize);
        Assert.Equal(4, BatchCalibrator.Resolve(options, "landscape-64", _ => calls++).MaxBatchSize);
        Assert.Equal(0, calls);
    }

    private static BatchProbe Probe(int size, double itemsPerSecond) => new(size, TimeSpan.FromSeconds(size / itemsPerSecond));
}
