namespace CreativeGen.Ml.Music.Sampling;

/// <summary>Where the wall-clock time of one generation call went.</summary>
/// <param name="TotalSeconds">The whole batch loop.</param>
/// <param name="NetworkSeconds">LSTM steps (logits computed, not copied).</param>
/// <param name="SamplingSeconds">Drawing the tokens of all rows (random numbers, masks, torch sampling, copy back).</param>
/// <param name="Steps">Network steps.</param>
/// <param name="Tokens">Body tokens written (primers included).</param>
public sealed record GenerationTimings(double TotalSeconds, double NetworkSeconds, double SamplingSeconds, int Steps, int Tokens)
{
    /// <summary>Managed bookkeeping: forced tokens, grammar updates, clocks, dropping finished streams.</summary>
    public double OtherSeconds => TotalSeconds - NetworkSeconds - SamplingSeconds;
}
