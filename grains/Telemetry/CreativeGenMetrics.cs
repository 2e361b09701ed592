using System.Diagnostics.Metrics;

namespace CreativeGen.Grains.Telemetry;

/// <summary>The cluster's own instruments (exported by the gateway's OpenTelemetry pipeline as Prometheus metrics).</summary>
public static class CreativeGenMetrics
{
    public const string MeterName = "CreativeGen.Cluster";

    /// <summary>Meters a process exports: these instruments and Orleans' own (activations, messaging, ...).</summary>
    public static readonly string[] ExportedMeters = [MeterName, "Microsoft.Orleans"];

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Requests per forward pass, per model.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "creativegen.model.batch.size", "{request}", "Requests run together in one batched forward pass (continuous music batching: streams in one token step).",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    /// <summary>Time a request waited in a model grain's queue before its batch started.</summary>
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "creativegen.model.queue.wait", "ms", "Time from a request's arrival at a model grain to the start of its batch (continuous: until it joins the running batch).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });

    /// <summary>Wall time of one batched forward pass.</summary>
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "creativegen.model.batch.duration", "ms", "Wall time of one batched forward pass.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] });

    /// <summary>Grain activations currently alive on this process's silo, by grain type.</summary>
    public static readonly UpDownCounter<long> ActiveGrains = Meter.CreateUpDownCounter<long>(
        "creativegen.grains.active", "{activation}", "Grain activations alive on this silo.");

    public static void GrainActivated(string grainType) => ActiveGrains.Add(1, new KeyValuePair<string, object?>("grain", grainType));

    public static void GrainDeactivated(string grainType) => ActiveGrains.Add(-1, new KeyValuePair<string, object?>("grain", grainType));
}
