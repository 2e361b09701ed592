using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Model;

/// <summary>
/// The recurrent state and scratch buffers of an <see cref="LstmStepper"/> batch, with the views a step works
/// through made once. Layer k ≥ 1 reads its input from <see cref="Inputs"/>[k] = [h of layer k-1, h of layer k, 1]
/// (B, 2H + 1): the constant column multiplies the bias row of the stacked weights. None of these tensors
/// belongs to a dispose scope.
/// </summary>
internal sealed class BatchState : IDisposable
{
    private readonly int hidden;
    private readonly Tensor[] owned; // what Dispose frees: the storage of inputs, h, c and gates

    private BatchState(int hidden, Tensor[] inputs, Tensor? singleLayerH, Tensor[] c, Tensor[] gates)
    {
        this.hidden = hidden;
        var layers = c.Length;
        Rows = (int)c[0].shape[0];
        Inputs = inputs;
        C = c;
        Gates = gates;
        H = new Tensor[layers];
        H[0] = singleLayerH ?? inputs[1].narrow(1, 0, hidden);
        for (var k = 1; k < layers; k++) H[k] = inputs[k].narrow(1, hidden, hidden);
        Sigmoids = [.. gates.Select(g => g.narrow(1, 0, 3 * hidden))];
        Cells = [.. gates.Select(g => g.narrow(1, 3 * hidden, hidden))];
        InputGates = [.. gates.Select(g => g.narrow(1, 0, hidden))];
        ForgetGates = [.. gates.Select(g => g.narrow(1, hidden, hidden))];
        OutputGates = [.. gates.Select(g => g.narrow(1, 2 * hidden, hidden))];
        owned = [.. inputs.Where(t => t is not null), .. singleLayerH is null ? Array.Empty<Tensor>() : [singleLayerH], .. c, .. gates];
        foreach (var t in owned.Concat(Views)) t.DetachFromDisposeScope();
    }

    public int Rows { get; }

    /// <summary>Per layer k ≥ 1: (B, 2H + 1) [h of layer k-1, h of layer k, 1]; entry 0 is unused (null).</summary>
    public Tensor[] Inputs { get; }

    /// <summary>Per layer: (B, H) hidden state, views into <see cref="Inputs"/> where a layer above reads them.</summary>
    public Tensor[] H { get; }

    public Tensor[] C { get; }

    /// <summary>Per layer: (B, 4H) gate pre-activations in the order (i, f, o, g).</summary>
    public Tensor[] Gates { get; }

    private Tensor[] Sigmoids { get; }

    private Tensor[] Cells { get; }

    private Tensor[] InputGates { get; }

    private Tensor[] ForgetGates { get; }

    private Tensor[] OutputGates { get; }

    private IEnumerable<Tensor> Views => H.Concat(Sigmoids).Concat(Cells).Concat(InputGates).Concat(ForgetGates).Concat(OutputGates).Except(owned);

    public static BatchState Zero(int rows, int hidden, int layers)
    {
        var inputs = new Tensor[layers];
        for (var k = 1; k < layers; k++)
        {
            inputs[k] = torch.zeros(rows, 2 * hidden + 1);
            inputs[k].narrow(1, 2 * hidden, 1).fill_(1);
        }
        return new BatchState(hidden, inputs, layers == 1 ? torch.zeros(rows, hidden) : null,
            [.. Enumerable.Range(0, layers).Select(_ => torch.zeros(rows, hidden))],
            [.. Enumerable.Range(0, layers).Select(_ => torch.zeros(rows, 4 * hidden))]);
    }

    /// <summary>A new state holding only the given rows, in that order.</summary>
    public BatchState Select(long[] rows)
    {
        using var noGrad = torch.no_grad();
        using var index = torch.tensor(rows);
        var layers = C.Length;
        return new BatchState(hidden,
            [.. Inputs.Select(t => t?.index_select(0, index)!)],
            layers == 1 ? H[0].index_select(0, index) : null,
            [.. C.Select(t => t.index_select(0, index))],
            [.. Gates.Select(_ => torch.zeros(rows.Length, 4 * hidden))]);
    }

    /// <summary>
    /// A new state of <paramref name="rows"/> rows whose first <paramref name="kept"/> rows carry this state's
    /// first <paramref name="kept"/> rows and whose other rows start from zero (streams joining the batch).
    /// </summary>
    public BatchState Grow(int kept, int rows)
    {
        if (kept > Rows || kept > rows) throw new ArgumentOutOfRangeException(nameof(kept), kept, "cannot keep more rows than either state has");
        using var noGrad = torch.no_grad();
        var grown = Zero(rows, hidden, C.Length);
        for (var k = 0; k < C.Length; k++)
        {
            grown.C[k].narrow(0, 0, kept).copy_(C[k].narrow(0, 0, kept));
            // The rows of Inputs hold every h a layer reads (and the constant column); a single layer keeps h apart.
            if (k >= 1) grown.Inputs[k].narrow(0, 0, kept).copy_(Inputs[k].narrow(0, 0, kept));
        }
        if (C.Length == 1) grown.H[0].narrow(0, 0, kept).copy_(H[0].narrow(0, 0, kept));
        return grown;
    }

    /// <summary>c ← σ(f)·c + σ(i)·tanh(g); h ← σ(o)·tanh(c), in place, from layer <paramref name="k"/>'s gates.</summary>
    public void Update(int k)
    {
        Sigmoids[k].sigmoid_();
        Cells[k].tanh_();
        C[k].mul_(ForgetGates[k]).addcmul_(InputGates[k], Cells[k], 1);
        using var tanhC = C[k].tanh();
        H[k].copy_(tanhC).mul_(OutputGates[k]);
    }

    public void Dispose()
    {
        foreach (var t in Views.Concat(owned)) t.Dispose();
    }
}
