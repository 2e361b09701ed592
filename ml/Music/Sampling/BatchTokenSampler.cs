using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// Draws the next token of every stream of a batch: temperature, grammar mask, softmax, top-k and nucleus (top-p)
/// filtering, then inverse-CDF sampling with one uniform number per row from that stream's own random source.
/// Each row is computed on its own, in plain C# with a fixed order of operations (no library kernel chosen by CPU or
/// batch shape), so a row's token depends only on its own logits, settings and uniform number.
/// </summary>
public sealed class BatchTokenSampler : IDisposable
{
    private readonly int allowed;
    private SamplingSettings[] settings;
    private const float MaxUniform = 1 - 1f / (1 << 24);
    private readonly float[] probabilities;
    private readonly int[] order;
    private readonly double[] cumulative;

    /// <param name="settings">One per row of the batch.</param>
    /// <param name="allowed">Only token ids below this can be drawn (the logits may be wider).</param>
    public BatchTokenSampler(IReadOnlyList<SamplingSettings> settings, int allowed)
    {
        if (settings.Count == 0) throw new ArgumentException("a batch needs at least one row", nameof(settings));
        if (allowed < 1) throw new ArgumentOutOfRangeException(nameof(allowed), allowed, "at least one token must be allowed");
        this.allowed = allowed;
        this.settings = [.. settings];
        probabilities = new float[allowed];
        order = new int[allowed];
        cumulative = new double[allowed];
    }

    public int BatchSize => settings.Length;

    /// <summary>Keeps only the given rows (in that order), e.g. after finished streams left the batch.</summary>
    public void KeepRows(long[] rows)
    {
        if (rows.Length == 0 || rows.Any(r => r < 0 || r >= settings.Length)) throw new ArgumentException("rows must be a non-empty selection of the batch", nameof(rows));
        settings = [.. rows.Select(r => settings[r])];
    }

    /// <summary>Appends rows for streams joining the batch, after the current ones.</summary>
    public void AddRows(IReadOnlyList<SamplingSettings> added)
    {
        if (added.Count == 0) throw new ArgumentException("add at least one row", nameof(added));
        settings = [.. settings, .. added];
    }

    /// <summary>Draws one token per row.</summary>
    /// <param name="logits">(B, V ≥ allowed) next-token logits.</param>
    /// <param name="blocked">Row-major (B, allowed) flags of tokens that may not come next, or null for none.</param>
    /// <param name="uniforms">One number in [0, 1) per row.</param>
    public long[] Sample(Tensor logits, bool[]? blocked, double[] uniforms)
    {
        var rows = settings.Length;
        if (logits.dim() != 2 || logits.shape[0] != rows || logits.shape[1] < allowed)
            throw new ArgumentException($"expected logits of shape ({rows}, ≥ {allowed}), got ({string.Join(", ", logits.shape)})", nameof(logits));
        if (uniforms.Length != rows) throw new ArgumentException($"expected {rows} uniform numbers, got {uniforms.Length}", nameof(uniforms));
        if (blocked is not null && blocked.Length != rows * allowed) throw new ArgumentException($"expected {rows * allowed} blocked flags, got {blocked.Length}", nameof(blocked));
        var width = (int)logits.shape[1];
        float[] values;
        using (var floats = logits.to_type(ScalarType.Float32).contiguous()) values = floats.data<float>().ToArray();
        var tokens = new long[rows];
        for (var r = 0; r < rows; r++)
            tokens[r] = Draw(values.AsSpan(r * width, allowed), blocked is null ? default : blocked.AsSpan(r * allowed, allowed), settings[r], uniforms[r]);
        return tokens;
    }

    /// <summary>One row: softmax over the allowed tokens, the kept prefix of the ranking, then the inverse CDF at u.</summary>
    private long Draw(ReadOnlySpan<float> logits, ReadOnlySpan<bool> blocked, SamplingSettings row, double uniform)
    {
        // x * 1 is exact, so a temperature of 1 skips nothing that matters; 1/T is rounded to float as before.
        var inverseTemperature = (float)(1.0 / row.Temperature);
        var maximum = float.NegativeInfinity;
        for (var j = 0; j < allowed; j++)
        {
            var z = blocked.Length > 0 && blocked[j] ? float.NegativeInfinity : logits[j] * inverseTemperature;
            probabilities[j] = z;
            if (z > maximum) maximum = z;
        }
        if (float.IsNegativeInfinity(maximum)) throw new InvalidOperationException("every token is blocked: nothing can be drawn");
        var sum = 0.0;
        for (var j = 0; j < allowed; j++)
        {
            var e = MathF.Exp(probabilities[j] - maximum); // exp(-inf) = 0 for blocked tokens
            probabilities[j] = e;
            sum += e;
        }
        for (var j = 0; j < allowed; j++) probabilities[j] = (float)(probabilities[j] / sum);

        var topK = Math.Min(row.TopK ?? allowed, allowed);
        var filtered = topK < allowed || row.TopP < 1;
        for (var j = 0; j < allowed; j++) order[j] = j;
        // Filtered rows are ranked by probability, ties in id order; unfiltered rows keep id order.
        if (filtered) Array.Sort(order, (a, b) => probabilities[a] != probabilities[b] ? probabilities[b].CompareTo(probabilities[a]) : a.CompareTo(b));
        var running = 0.0;
        for (var i = 0; i < allowed; i++) cumulative[i] = running += probabilities[order[i]];

        // The kept tokens are a prefix: top-k keeps k ranks; the nucleus keeps every rank whose mass before it is
        // below p, i.e. the ranks whose cumulative mass is below p, plus one.
        var last = topK - 1;
        if (row.TopP is { } p && p < 1)
        {
            var below = 0;
            while (below < allowed && cumulative[below] < p) below++;
            last = Math.Min(below, last);
        }
        // u ≤ 1 - 2⁻²⁴ keeps the target below the kept mass, so the first rank whose cumulative mass exceeds it is
        // kept and has mass.
        var target = cumulative[last] * Math.Min((float)uniform, MaxUniform);
        var position = 0;
        while (position < last && cumulative[position] <= target) position++;
        return order[position];
    }

    public void Dispose()
    {
        // Nothing native is held.
    }
}
