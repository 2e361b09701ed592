using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CreativeGen.Ml.Common;

/// <summary>
/// The arithmetic of an LSTM sampling step, written so that a row's result cannot depend on the other rows of the
/// batch, on its place among them, on the thread count or on which kernels a library picks for this CPU:
/// <list type="bullet">
/// <item>every output element of a product is its start value plus the terms x[r, t]·w[t, j] for t = 0, 1, … K-1,
/// each added by one fused multiply-add (one rounding) in that order; vector lanes run along the output columns, so
/// vectorizing, blocking rows or splitting columns between threads never changes an element's order of summation;</item>
/// <item>weights are packed in panels of two vectors' width (padded with zero columns), so no column takes a scalar path;</item>
/// <item>activations are computed by the same vector exponential for every element, the last partial vector of a
/// row padded, never by a scalar function that could round differently.</item>
/// </list>
/// libtorch's matrix product, by contrast, sums in an order chosen by CPU capability, shape and thread share: a row
/// alone differed from the same row among 10 or 33 in the 8th digit on an Intel AVX-512 machine.
/// </summary>
internal static class RowExactKernels
{
    private static readonly int Lanes = Vector<float>.Count;

    /// <summary>Below this many multiply-adds a product runs on the calling thread only (a split costs more).</summary>
    private const long ParallelThreshold = 1 << 20;

    /// <summary>Columns per weight panel: two vectors, so a panel row is one 64-byte cache line on AVX2.</summary>
    public static int PanelWidth => 2 * Lanes;

    /// <summary>Columns rounded up to whole panels: outputs are this wide, the extra columns computed on zeros.</summary>
    public static int PaddedColumns(int columns) => (columns + PanelWidth - 1) / PanelWidth * PanelWidth;

    /// <summary>
    /// Packs a (depth, columns) row-major matrix panel by panel: panel p holds columns [p·P, (p+1)·P) for every t,
    /// row after row, so a product reads it front to back; the last panel is padded with zero columns.
    /// </summary>
    public static float[] PackPanels(ReadOnlySpan<float> w, int depth, int columns)
    {
        if (w.Length != depth * columns) throw new ArgumentException($"expected {depth} × {columns} weights, got {w.Length}", nameof(w));
        var width = PanelWidth;
        var packed = new float[depth * PaddedColumns(columns)];
        for (var panel = 0; panel * width < columns; panel++)
        {
            var first = panel * width;
            var count = Math.Min(width, columns - first);
            for (var t = 0; t < depth; t++) w.Slice(t * columns + first, count).CopyTo(packed.AsSpan((panel * depth + t) * width, count));
        }
        return packed;
    }

    /// <summary>
    /// y[r, j] += Σₜ x[r, t]·w[t, j] for r &lt; rows, j &lt; columns, t &lt; depth, summed in the order of t.
    /// </summary>
    /// <param name="y">(rows, columns) row-major, updated in place; columns a multiple of <see cref="PanelWidth"/>.</param>
    /// <param name="x">Row r's inputs start at r·<paramref name="xStride"/>.</param>
    /// <param name="packedW">(depth, columns) packed by <see cref="PackPanels"/>.</param>
    /// <param name="threads">Column panels are shared among this many threads (results do not depend on it).</param>
    public static void AccumulateProduct(float[] y, int rows, int columns, float[] x, int xStride, int depth, float[] packedW, int threads = 1)
    {
        if (columns % PanelWidth != 0) throw new ArgumentException($"columns must be a multiple of {PanelWidth}", nameof(columns));
        if (y.Length < (long)rows * columns) throw new ArgumentException("output smaller than rows × columns", nameof(y));
        if (x.Length < (long)(rows - 1) * xStride + depth) throw new ArgumentException("input smaller than rows × depth", nameof(x));
        if (packedW.Length != (long)depth * columns) throw new ArgumentException("weights are not depth × columns", nameof(packedW));
        var panels = columns / PanelWidth;
        if (threads > 1 && panels > 1 && (long)rows * columns * depth >= ParallelThreshold)
        {
            var parts = Math.Min(threads, panels);
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
                Panels(y, rows, columns, x, xStride, depth, packedW, (int)((long)panels * part / parts), (int)((long)panels * (part + 1) / parts)));
        }
        else
        {
            Panels(y, rows, columns, x, xStride, depth, packedW, 0, panels);
        }
    }

    /// <summary>Panels [from, to): four rows at a time, then one.</summary>
    private static void Panels(float[] y, int rows, int columns, float[] x, int xStride, int depth, float[] w, int from, int to)
    {
        ref var y0 = ref MemoryMarshal.GetArrayDataReference(y);
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(x);
        // Panels outermost: one panel (depth × 2 vectors) stays in the L1 cache for every block of rows.
        for (var panel = from; panel < to; panel++)
        {
            ref var w0 = ref MemoryMarshal.GetArrayDataReference(w);
            w0 = ref Unsafe.Add(ref w0, panel * depth * PanelWidth);
            var column = panel * PanelWidth;
            var r = 0;
            for (; r + 4 <= rows; r += 4) FourRows(ref y0, columns, ref x0, xStride, depth, ref w0, r, column);
            for (; r < rows; r++) OneRow(ref y0, columns, ref x0, xStride, depth, ref w0, r, column);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows(ref float y, int columns, ref float x, int xStride, int depth, ref float w, int row, int column)
    {
        var lanes = (nuint)Lanes;
        nuint yAt0 = (nuint)(row * columns + column), yAt1 = yAt0 + (nuint)columns, yAt2 = yAt1 + (nuint)columns, yAt3 = yAt2 + (nuint)columns;
        Vector<float> a0 = Vector.LoadUnsafe(ref y, yAt0), b0 = Vector.LoadUnsafe(ref y, yAt0 + lanes);
        Vector<float> a1 = Vector.LoadUnsafe(ref y, yAt1), b1 = Vector.LoadUnsafe(ref y, yAt1 + lanes);
        Vector<float> a2 = Vector.LoadUnsafe(ref y, yAt2), b2 = Vector.LoadUnsafe(ref y, yAt2 + lanes);
        Vector<float> a3 = Vector.LoadUnsafe(ref y, yAt3), b3 = Vector.LoadUnsafe(ref y, yAt3 + lanes);
        ref var x0 = ref Unsafe.Add(ref x, row * xStride);
        ref var x1 = ref Unsafe.Add(ref x0, xStride);
        ref var x2 = ref Unsafe.Add(ref x1, xStride);
        ref var x3 = ref Unsafe.Add(ref x2, xStride);
        nuint wAt = 0;
        for (var t = 0; t < depth; t++, wAt += 2 * lanes)
        {
            var wa = Vector.LoadUnsafe(ref w, wAt);
            var wb = Vector.LoadUnsafe(ref w, wAt + lanes);
            var v0 = new Vector<float>(Unsafe.Add(ref x0, t));
            var v1 = new Vector<float>(Unsafe.Add(ref x1, t));
            var v2 = new Vector<float>(Unsafe.Add(ref x2, t));
            var v3 = new Vector<float>(Unsafe.Add(ref x3, t));
            a0 = Vector.FusedMultiplyAdd(v0, wa, a0); b0 = Vector.FusedMultiplyAdd(v0, wb, b0);
            a1 = Vector.FusedMultiplyAdd(v1, wa, a1); b1 = Vector.FusedMultiplyAdd(v1, wb, b1);
            a2 = Vector.FusedMultiplyAdd(v2, wa, a2); b2 = Vector.FusedMultiplyAdd(v2, wb, b2);
            a3 = Vector.FusedMultiplyAdd(v3, wa, a3); b3 = Vector.FusedMultiplyAdd(v3, wb, b3);
        }
        a0.StoreUnsafe(ref y, yAt0); b0.StoreUnsafe(ref y, yAt0 + lanes);
        a1.StoreUnsafe(ref y, yAt1); b1.StoreUnsafe(ref y, yAt1 + lanes);
        a2.StoreUnsafe(ref y, yAt2); b2.StoreUnsafe(ref y, yAt2 + lanes);
        a3.StoreUnsafe(ref y, yAt3); b3.StoreUnsafe(ref y, yAt3 + lanes);
    }

    /// <summary>One row: four accumulators over alternate terms would change the order, so two chains it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow(ref float y, int columns, ref float x, int xStride, int depth, ref float w, int row, int column)
    {
        var lanes = (nuint)Lanes;
        var yAt = (nuint)(row * columns + column);
        Vector<float> a = Vector.LoadUnsafe(ref y, yAt), b = Vector.LoadUnsafe(ref y, yAt + lanes);
        ref var xRow = ref Unsafe.Add(ref x, row * xStride);
        nuint wAt = 0;
        for (var t = 0; t < depth; t++, wAt += 2 * lanes)
        {
            var v = new Vector<float>(Unsafe.Add(ref xRow, t));
            a = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref w, wAt), a);
            b = Vector.FusedMultiplyAdd(v, Vector.LoadUnsafe(ref w, wAt + lanes), b);
        }
        a.StoreUnsafe(ref y, yAt);
        b.StoreUnsafe(ref y, yAt + lanes);
    }

    /// <summary>
    /// One LSTM cell update per row from gate pre-activations in torch's order (i, f, g, o), each block
    /// <paramref name="hidden"/> wide: c ← σ(f)·c + σ(i)·tanh(g), h ← σ(o)·tanh(c).
    /// </summary>
    /// <param name="gates">Row r's pre-activations start at r·<paramref name="gateStride"/>.</param>
    /// <param name="c">(rows, hidden), updated in place.</param>
    /// <param name="h">(rows, hidden), written.</param>
    public static void CellUpdate(float[] gates, int gateStride, float[] c, float[] h, int rows, int hidden)
    {
        Span<float> padded = stackalloc float[5 * Lanes];
        for (var r = 0; r < rows; r++)
        {
            var g = gates.AsSpan(r * gateStride, 4 * hidden);
            var cRow = c.AsSpan(r * hidden, hidden);
            var hRow = h.AsSpan(r * hidden, hidden);
            var j = 0;
            for (; j + Lanes <= hidden; j += Lanes)
            {
                var (cNew, hNew) = Cell(
                    new Vector<float>(g.Slice(j)), new Vector<float>(g.Slice(hidden + j)),
                    new Vector<float>(g.Slice(2 * hidden + j)), new Vector<float>(g.Slice(3 * hidden + j)), new Vector<float>(cRow.Slice(j)));
                cNew.CopyTo(cRow.Slice(j));
                hNew.CopyTo(hRow.Slice(j));
            }
            if (j == hidden) continue;
            // The last partial vector: the same vector arithmetic on a zero-padded copy.
            var count = hidden - j;
            padded.Clear();
            for (var block = 0; block < 4; block++) g.Slice(block * hidden + j, count).CopyTo(padded.Slice(block * Lanes));
            cRow.Slice(j, count).CopyTo(padded.Slice(4 * Lanes));
            var (cTail, hTail) = Cell(
                new Vector<float>(padded), new Vector<float>(padded.Slice(Lanes)), new Vector<float>(padded.Slice(2 * Lanes)),
                new Vector<float>(padded.Slice(3 * Lanes)), new Vector<float>(padded.Slice(4 * Lanes)));
            cTail.CopyTo(padded);
            padded.Slice(0, count).CopyTo(cRow.Slice(j));
            hTail.CopyTo(padded);
            padded.Slice(0, count).CopyTo(hRow.Slice(j));
        }
    }

    private static (Vector<float> C, Vector<float> H) Cell(Vector<float> i, Vector<float> f, Vector<float> g, Vector<float> o, Vector<float> c)
    {
        var cNew = Vector.FusedMultiplyAdd(Sigmoid(i), Tanh(g), Sigmoid(f) * c);
        return (cNew, Sigmoid(o) * Tanh(cNew));
    }

    private static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Vector.Exp(-x));

    /// <summary>tanh x = 1 − 2 / (e^{2x} + 1): ±1 exactly where e^{2x} overflows or vanishes.</summary>
    internal static Vector<float> Tanh(Vector<float> x) => Vector<float>.One - new Vector<float>(2f) / (Vector.Exp(x + x) + Vector<float>.One);
}
