namespace CreativeGen.Ml.Music.Midi;

/// <summary>Converts MIDI ticks to seconds through a piecewise-constant tempo map.</summary>
public sealed class TempoMap
{
    private const double DefaultMicrosecondsPerQuarter = 500_000;
    private readonly long[] segmentTicks;
    private readonly double[] segmentSeconds;
    private readonly double[] secondsPerTick;

    /// <param name="ticksPerQuarter">The file's time division (positive).</param>
    /// <param name="changes">(tick, microseconds per quarter note) pairs in any order; duplicates at one tick: the last wins.</param>
    public TempoMap(int ticksPerQuarter, IEnumerable<(long Tick, int MicrosecondsPerQuarter)> changes)
    {
        if (ticksPerQuarter <= 0) throw new ArgumentOutOfRangeException(nameof(ticksPerQuarter));
        TicksPerQuarter = ticksPerQuarter;
        var ordered = changes.OrderBy(change => change.Tick).ToList();
        var byTick = new SortedDictionary<long, double> { [0] = DefaultMicrosecondsPerQuarter };
        foreach (var (tick, microseconds) in ordered) byTick[tick] = microseconds;

        segmentTicks = [.. byTick.Keys];
        secondsPerTick = [.. byTick.Values.Select(microseconds => microseconds / 1e6 / ticksPerQuarter)];
        segmentSeconds = new double[segmentTicks.Length];
        for (var i = 1; i < segmentTicks.Length; i++)
            segmentSeconds[i] = segmentSeconds[i - 1] + (segmentTicks[i] - segmentTicks[i - 1]) * secondsPerTick[i - 1];
    }

    public int TicksPerQuarter { get; }

    public double ToSeconds(long tick)
    {
        var index = Array.BinarySearch(segmentTicks, tick);
        if (index < 0) index = ~index - 1;
        return segmentSeconds[index] + (tick - segmentTicks[index]) * secondsPerTick[index];
    }

    public double ToBeats(long tick) => (double)tick / TicksPerQuarter;

    /// <summary>The tempo changes as (seconds, beats, bpm), the implicit 120 bpm start included only when no change sits at tick 0.</summary>
    public IReadOnlyList<TempoChange> Changes() =>
        [.. segmentTicks.Select((tick, i) => new TempoChange(segmentSeconds[i], ToBeats(tick), 60.0 / (secondsPerTick[i] * TicksPerQuarter)))];
}
