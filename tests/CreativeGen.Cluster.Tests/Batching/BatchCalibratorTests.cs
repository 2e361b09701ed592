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
        // Per-batch cost 8 ms, 1 ms per item up to 8 items, then 6 ms per extra item (spills out of "cache").
        var probes = BatchCalibrator.Measure(size => Milliseconds(8 + Math.Min(size, 8) + 6 * Math.Max(0, size - 8)), 64, TimeSpan.FromSeconds(2));

        Assert.Equal(8, BatchCalibrator.Choose(probes));
        Assert.Equal([1, 2, 4, 8, 16, 32], probes.Select(p => p.BatchSize)); // stops once well past the peak
    }

    [Fact]
    public void Measure_KeepsTheFasterOfTwoSweeps_SoALoadSpikeDoesNotDecide()
    {
        // The device is best at 4; during the first sweep another process slows the batch-4 probe fourfold.
        var calls = new Dictionary<int, int>();
        TimeSpan Device(int size)
        {
            calls[size] = calls.GetValueOrDefault(size) + 1;
            var cost = size <= 4 ? 10 + size : 10 + 4 + 5 * (size - 4);
            return Milliseconds(size == 4 && calls[size] == 1 ? 4 * cost : cost);
        }

        var probes = BatchCalibrator.Measure(Device, 16, TimeSpan.FromSeconds(2));

        Assert.Equal(4, BatchCalibrator.Choose(probes));
        Assert.All(calls.Values, count => Assert.Equal(2, count));
    }

    [Fact]
    public void Measure_ANoisySmallProbe_DoesNotEndTheCalibration()
    {
        // Batch 2 is hit by a load spike in both sweeps; larger batches are much faster per item.
        var probes = BatchCalibrator.Measure(size => Milliseconds(size == 2 ? 400 : 20 + size), 32, TimeSpan.FromSeconds(2));

        Assert.Equal([1, 2, 4, 8, 16, 32], probes.Select(p => p.BatchSize));
        Assert.Equal(32, BatchCalibrator.Choose(probes));
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

    private static TimeSpan Milliseconds(double value) => TimeSpan.FromMilliseconds(value);

    private static BatchProbe Probe(int size, double itemsPerSecond) => new(size, TimeSpan.FromSeconds(size / itemsPerSecond));
}
