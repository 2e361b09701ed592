namespace CreativeGen.Cluster.Tests.Generators;

/// <summary>
/// Time a test generator spends per call, shaped like an accelerator: a fixed cost per forward pass plus a
/// small cost per item. It makes batching observable in tests; it says nothing about real model speed.
/// </summary>
public sealed record SimulatedCost(TimeSpan PerBatch, TimeSpan PerItem)
{
    public static SimulatedCost None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public void Spend(int items)
    {
        var total = PerBatch + PerItem * items;
        if (total > TimeSpan.Zero) Thread.Sleep(total);
    }
}
