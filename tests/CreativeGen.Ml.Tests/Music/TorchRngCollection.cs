namespace CreativeGen.Ml.Tests.Music;

/// <summary>
/// Tests that depend on torch's process-wide random generator (dropout during training) run alone:
/// another test training in parallel would draw from the same generator and break exact comparisons.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRngCollection
{
    public const string Name = "torch global RNG";
}
