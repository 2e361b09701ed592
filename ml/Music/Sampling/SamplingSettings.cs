namespace CreativeGen.Ml.Music.Sampling;

/// <summary>How the next token is drawn from the model's distribution. Validated on construction.</summary>
public sealed record SamplingSettings
{
    public SamplingSettings(double temperature = 1.0, int? topK = null, double? topP = null)
    {
        if (!(temperature is > 0 and <= 10)) throw new ArgumentException($"temperature must be in (0, 10] (got {temperature})");
        if (topK is < 1) throw new ArgumentException($"top-k must be ≥ 1 (got {topK})");
        if (topP is { } p && !(p is > 0 and <= 1)) throw new ArgumentException($"top-p must be in (0, 1] (got {p})");
        Temperature = temperature;
        TopK = topK;
        TopP = topP;
    }

    public double Temperature { get; }

    public int? TopK { get; }

    public double? TopP { get; }
}
