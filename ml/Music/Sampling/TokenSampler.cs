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
            // Only tokens above a tiny threshold can be in the top-k or the nucleus: the mass below
            // (1 - p) / (2A) per token sums to less than 1 - p (and top-k never reaches them while enough
            // tokens sit above). Ranking just those keeps the result exact and the sort short.
            var threshold = settings.TopP is { } nucleus ? (1 - nucleus) / (2.0 * allowed) * total : 0;
            var candidates = 0;
            for (var i = 0; i < allowed; i++)
                if (probabilities[i] > threshold) candidates++;
            if (settings.TopK is { } k && candidates < k) { threshold = 0; candidates = allowed; }
            var order = new int[candidates];
            var keys = new double[candidates];
            for (int i = 0, c = 0; i < allowed; i++)
            {
                if (probabilities[i] <= threshold && threshold > 0) continue;
                order[c] = i;
                keys[c++] = -probabilities[i];
            }
            Array.Sort(keys, order); // deterministic for equal input
            var keep = Math.Min(settings.TopK ?? candidates, candidates);
            if (settings.TopP is { } p)
            {
                double mass = 0;
                for (var rank = 0; rank < keep; rank++)
                {
                    mass += probabilities[order[rank]] / total;
                    if (mass >= p) { keep = rank + 1; break; }
                }
            }
            var kept = new double[allowed];
            total = 0;
            for (var rank = 0; rank < keep; rank++)
            {
                kept[order[rank]] = probabilities[order[rank]];
                total += kept[order[rank]];
            }
            probabilities = kept;
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
