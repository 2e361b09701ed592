namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// A conditional batch norm in eval mode followed by ReLU, with its arithmetic fixed element by element:
/// y = max(0, x·a + b), one fused multiply-add, where a = (1 + gain(e)) / √(var + ε) and b = shift(e) − mean·a, and
/// gain(e), shift(e) are the condition's linear maps summed in the order of the embedding.
/// </summary>
internal sealed class ExactConditionalNorm
{
    private readonly float[] mean;
    private readonly float[] inverseDeviation;
    private readonly float[] gainWeights; // (channels, embedding)
    private readonly float[] gainBias;
    private readonly float[] shiftWeights;
    private readonly float[] shiftBias;
    private readonly int embeddingSize;

    public ExactConditionalNorm(float[] mean, float[] variance, double epsilon, float[] gainWeights, float[] gainBias, float[] shiftWeights, float[] shiftBias)
    {
        Channels = mean.Length;
        embeddingSize = gainWeights.Length / Channels;
        if (variance.Length != Channels || gainBias.Length != Channels || shiftBias.Length != Channels
            || gainWeights.Length != Channels * embeddingSize || shiftWeights.Length != gainWeights.Length)
            throw new ArgumentException($"conditional norm parameters do not agree on {Channels} channels");
        this.mean = mean;
        inverseDeviation = variance.Select(v => 1f / MathF.Sqrt(v + (float)epsilon)).ToArray();
        this.gainWeights = gainWeights;
        this.gainBias = gainBias;
        this.shiftWeights = shiftWeights;
        this.shiftBias = shiftBias;
    }

    public int Channels { get; }

    /// <summary>Normalizes, scales, shifts and rectifies <paramref name="values"/> in place: channel c is positions [c·stride, c·stride + length).</summary>
    public void ApplyWithRelu(float[] values, int stride, int length, ReadOnlySpan<float> condition)
    {
        if (condition.Length != embeddingSize) throw new ArgumentException($"expected a condition of {embeddingSize}, got {condition.Length}", nameof(condition));
        for (var c = 0; c < Channels; c++)
        {
            var gain = Linear(gainWeights, gainBias, c, condition);
            var shift = Linear(shiftWeights, shiftBias, c, condition);
            var scale = (1f + gain) * inverseDeviation[c];
            var offset = MathF.FusedMultiplyAdd(-mean[c], scale, shift);
            foreach (ref var value in values.AsSpan(c * stride, length))
                value = MathF.Max(0f, MathF.FusedMultiplyAdd(value, scale, offset));
        }
    }

    /// <summary>Row <paramref name="row"/> of a linear map: Σₑ w[row, e]·x[e] in the order of e, then the bias.</summary>
    internal static float Linear(float[] weights, float[] bias, int row, ReadOnlySpan<float> x)
    {
        var sum = 0f;
        var w = weights.AsSpan(row * x.Length, x.Length);
        for (var e = 0; e < x.Length; e++) sum = MathF.FusedMultiplyAdd(w[e], x[e], sum);
        return sum + bias[row];
    }
}
