using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// Draws the next token of every stream of a batch at once, in torch: temperature, grammar mask, softmax,
/// top-k and nucleus (top-p) filtering by one sort per step for all rows, then inverse-CDF sampling with one
/// uniform number per row from that stream's own random source. Every op works row by row, so a row's token
/// depends only on its own logits, settings and uniform number, never on the other rows of the batch.
/// </summary>
public sealed class BatchTokenSampler : IDisposable
{
    private readonly int allowed;
    private SamplingSettings[] settings;
    private Tensor inverseTemperature = null!; // (B, 1)
    private Tensor topP = null!;               // (B, 1), 2 where unlimited
    private Tensor lastRank = null!;           // (B, 1): the last rank top-k keeps, A - 1 where unlimited
    private const float MaxUniform = 1 - 1f / (1 << 24);
    private readonly Tensor ranks;             // (1, A): 0 .. A-1
    private Tensor filtered = null!;           // (B, 1) bool: the row uses top-k or top-p
    private bool anyTemperature, anyTopK, anyTopP, allFiltered;

    /// <param name="settings">One per row of the batch.</param>
    /// <param name="allowed">Only token ids below this can be drawn (the logits may be wider).</param>
    public BatchTokenSampler(IReadOnlyList<SamplingSettings> settings, int allowed)
    {
        if (settings.Count == 0) throw new ArgumentException("a batch needs at least one row", nameof(settings));
        if (allowed < 1) throw new ArgumentOutOfRangeException(nameof(allowed), allowed, "at least one token must be allowed");
        this.allowed = allowed;
        this.settings = [.. settings];
        ranks = torch.arange(allowed, dtype: ScalarType.Int64).unsqueeze(0).DetachFromDisposeScope();
        BuildRowTensors();
    }

    public int BatchSize => settings.Length;

    /// <summary>Keeps only the given rows (in that order), e.g. after finished streams left the batch.</summary>
    public void KeepRows(long[] rows)
    {
        if (rows.Length == 0 || rows.Any(r => r < 0 || r >= settings.Length)) throw new ArgumentException("rows must be a non-empty selection of the batch", nameof(rows));
        settings = [.. rows.Select(r => settings[r])];
        DisposeRowTensors();
        BuildRowTensors();
    }

    /// <summary>Appends rows for streams joining the batch, after the current ones.</summary>
    public void AddRows(IReadOnlyList<SamplingSettings> added)
    {
        if (added.Count == 0) throw new ArgumentException("add at least one row", nameof(added));
        settings = [.. settings, .. added];
        DisposeRowTensors();
        BuildRowTensors();
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
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var z = logits.narrow(1, 0, allowed);
        // x * 1 is exact, so skipping the product when every row has temperature 1 changes no row.
        if (anyTemperature) z = z.mul(inverseTemperature);
        if (blocked is not null) z = z.masked_fill(torch.tensor(blocked, [rows, allowed]), float.NegativeInfinity);
        var probabilities = z.softmax(1);
        Tensor? order = null;
        if (anyTopK || anyTopP)
        {
            // Filtered rows are ranked by probability (stable: ties keep id order); a row without top-k/top-p keeps
            // id order even next to filtered rows, so its draw is the same alone or in any batch.
            var (sorted, sortedOrder) = probabilities.sort(1, descending: true, stable: true);
            probabilities = allFiltered ? sorted : torch.where(filtered, sorted, probabilities);
            order = allFiltered ? sortedOrder : torch.where(filtered, sortedOrder, ranks);
        }
        var cdf = probabilities.cumsum(1);
        // The kept tokens are a prefix: top-k keeps k ranks, the nucleus keeps every rank whose mass before it is
        // below p, i.e. the ranks whose cumulative mass is below p plus one. Unlimited rows keep all tokens.
        var last = anyTopP ? torch.minimum(cdf.lt(topP).sum(1, keepdim: true), lastRank) : lastRank;
        var total = cdf.gather(1, last);
        // u ≤ 1 - 2⁻²⁴, so total · u < total in float: the draw never lands past the last kept token, and the
        // first position whose cumulative mass exceeds the target always has mass.
        var target = total * torch.tensor(uniforms.Select(u => Math.Min((float)u, MaxUniform)).ToArray(), [rows, 1]);
        var position = torch.searchsorted(cdf, target, out_int32: false, right: true, sorter: null);
        var tokens = order is null ? position : order.gather(1, position);
        return tokens.reshape(rows).data<long>().ToArray();
    }

    public void Dispose()
    {
        DisposeRowTensors();
        ranks.Dispose();
    }

    private void BuildRowTensors()
    {
        anyTemperature = settings.Any(s => s.Temperature != 1.0);
        anyTopK = settings.Any(s => s.TopK < allowed);
        anyTopP = settings.Any(s => s.TopP < 1);
        var rows = settings.Length;
        inverseTemperature = torch.tensor(settings.Select(s => (float)(1.0 / s.Temperature)).ToArray(), [rows, 1]).DetachFromDisposeScope();
        topP = torch.tensor(settings.Select(s => s.TopP is { } p && p < 1 ? (float)p : 2f).ToArray(), [rows, 1]).DetachFromDisposeScope();
        lastRank = torch.tensor(settings.Select(s => (long)Math.Min(s.TopK ?? allowed, allowed) - 1).ToArray(), [rows, 1]).DetachFromDisposeScope();
        var rowFiltered = settings.Select(Filters).ToArray();
        filtered = torch.tensor(rowFiltered, [rows, 1]).DetachFromDisposeScope();
        allFiltered = rowFiltered.All(f => f);
    }

    private bool Filters(SamplingSettings s) => s.TopK < allowed || s.TopP < 1;

    private void DisposeRowTensors()
    {
        inverseTemperature.Dispose();
        topP.Dispose();
        lastRank.Dispose();
        filtered.Dispose();
    }
}
