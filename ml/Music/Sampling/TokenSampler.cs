namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// Draws one token from a row of logits with temperature, top-k and nucleus (top-p) filtering, using the
/// stream's own random source. Plain managed code per row: on this CPU it is cheaper than tensor ops for
/// vocabularies of a few hundred tokens, and a row never depends on the other rows of the batch.
/// </summary>
public static class TokenSampler
{
    /// <param name="logits">Next-token logits; only ids below <paramref name="allowed"/> can be drawn.</param>
    public static int Sample(ReadOnlySpan<float> logits, int allowed, SamplingSettings settings, StreamRandom random)
    {
        var probabilities = new double[allowed];
        var max = double.NegativeInfinity;
        for (var i = 0; i < allowed; i++) max = Math.Max(max, logits[i] / settings.Temperature);
        double total = 0;
        for (var i = 0; i < allowed; i++) total += probabilities[i] = Math.Exp(logits[i] / settings.Temperature - max);

        if (settings.TopK is not null || settings.TopP is not null)
        {
            // Rank by descending probability (Array.Sort is deterministic for equal input).
            var order = new int[allowed];
            var keys = new double[allowed];
            for (var i = 0; i < allowed; i++)
            {
                order[i] = i;
                keys[i] = -probabilities[i];
            }
            Array.Sort(keys, order);
            var keep = Math.Min(settings.TopK ?? allowed, allowed);
            if (settings.TopP is { } p)
            {
                double mass = 0;
                for (var rank = 0; rank < keep; rank++)
                {
                    mass += probabilities[order[rank]] / total;
                    if (mass >= p) { keep = rank + 1; break; }
                }
            }
            for (var rank = keep; rank < allowed; rank++) probabilities[order[rank]] = 0;
            total = 0;
            for (var i = 0; i < allowed; i++) total += probabilities[i];
        }

        var target = random.NextDouble() * total;
        double cumulative = 0;
        var last = 0;
        for (var i = 0; i < allowed; i++)
        {
            if (probabilities[i] == 0) continue;
            cumulative += probabilities[i];
            last = i;
            if (target < cumulative) return i;
        }
        return last;
    }
}
