using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// A 3×3 convolution with one pixel of zero padding whose every output value is the same chain of arithmetic on any
/// CPU, vector width, thread count or batch: the terms w[o, i, ky, kx]·x[i, y+ky, x+kx] for i, then ky, then kx in
/// that order, each added by one fused multiply-add (one rounding), starting from zero.
/// </summary>
/// <remarks>
/// Images live in a "padded grid": a channel of an H×W image is stored as (H+2)×(W+2) with a zero border, so the
/// input of output pixel (y, x) at tap (ky, kx) sits at flat index (y+ky)·(W+2) + (x+kx). Output pixels are computed
/// at flat index y·(W+2) + x for every x &lt; W+2: the two extra columns per row are computed on neighbouring values
/// and ignored, which lets a vector run along a whole flattened image instead of one short row. Vector lanes run along
/// output pixels and four output channels share each input load, so blocking never changes a value's order of summation.
/// </remarks>
internal sealed class ExactConvolution
{
    private const int ChannelBlock = 4;
    private static readonly int Lanes = Vector<float>.Count;

    private readonly float[] packedWeights; // [output block][input channel][tap][4]
    private readonly float[]? bias;
    private readonly int blocks; // output channels in groups of 4, the last padded with zero weights

    /// <param name="weights">(outputs, inputs, 3, 3) row-major, as torch stores a Conv2d's weight.</param>
    public ExactConvolution(float[] weights, float[]? bias, int inputs, int outputs)
    {
        if (weights.Length != outputs * inputs * 9) throw new ArgumentException($"expected {outputs}×{inputs}×3×3 weights, got {weights.Length}", nameof(weights));
        if (bias is not null && bias.Length != outputs) throw new ArgumentException($"expected {outputs} biases, got {bias.Length}", nameof(bias));
        Inputs = inputs;
        Outputs = outputs;
        this.bias = bias;
        blocks = (outputs + ChannelBlock - 1) / ChannelBlock;
        packedWeights = new float[blocks * inputs * 9 * ChannelBlock]; // missing outputs of the last block stay zero
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++)
                for (var tap = 0; tap < 9; tap++)
                    packedWeights[((o / ChannelBlock * inputs + i) * 9 + tap) * ChannelBlock + o % ChannelBlock] = weights[(o * inputs + i) * 9 + tap];
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Flat output positions of an H×W image, rounded up to whole tiles of two vectors.</summary>
    public static int OutputLength(int height, int width)
    {
        var tile = 2 * Lanes;
        return (height * (width + 2) + tile - 1) / tile * tile;
    }

    /// <summary>Floats <see cref="Apply"/> writes for an H×W image: outputs rounded up to the 4-channel block, each <see cref="OutputLength"/> long.</summary>
    public int OutputBufferLength(int height, int width) => blocks * ChannelBlock * OutputLength(height, width);

    /// <summary>
    /// Floats a padded-grid input of <paramref name="channels"/> channels needs: its channels, plus what the last
    /// channel's last tile reads past its end (the extra columns' neighbours).
    /// </summary>
    public static int InputLength(int channels, int height, int width) =>
        (channels - 1) * (height + 2) * (width + 2) + OutputLength(height, width) + 2 * (width + 2) + 2;

    /// <summary>
    /// output[o, p] = bias[o] + Σ taps, for every flat output position p of an H×W image.
    /// <paramref name="output"/> holds <see cref="OutputBufferLength"/> floats.
    /// </summary>
    public void Apply(float[] paddedInput, int height, int width, float[] output)
    {
        var positions = OutputLength(height, width);
        if (paddedInput.Length < InputLength(Inputs, height, width)) throw new ArgumentException("input smaller than its padded grid", nameof(paddedInput));
        if (output.Length < OutputBufferLength(height, width)) throw new ArgumentException("output smaller than its channels × positions", nameof(output));
        var rowStride = width + 2;
        var channelStride = (height + 2) * rowStride;
        for (var block = 0; block < blocks; block++)
            for (var tile = 0; tile < positions; tile += 2 * Lanes)
                Tile(paddedInput, output, block, tile, positions, rowStride, channelStride);
        if (bias is null) return;
        for (var o = 0; o < Outputs; o++)
        {
            var row = output.AsSpan(o * positions, positions);
            foreach (ref var value in row) value += bias[o];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tile(float[] input, float[] output, int block, int tile, int positions, int rowStride, int channelStride)
    {
        var lanes = (nuint)Lanes;
        ref var x = ref MemoryMarshal.GetArrayDataReference(input);
        ref var w = ref MemoryMarshal.GetArrayDataReference(packedWeights);
        w = ref Unsafe.Add(ref w, block * Inputs * 9 * ChannelBlock);
        Vector<float> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
        for (var i = 0; i < Inputs; i++)
        {
            var channelStart = i * channelStride + tile;
            for (var ky = 0; ky < 3; ky++)
                for (var kx = 0; kx < 3; kx++)
                {
                    var at = (nuint)(channelStart + ky * rowStride + kx);
                    var xa = Vector.LoadUnsafe(ref x, at);
                    var xb = Vector.LoadUnsafe(ref x, at + lanes);
                    var w0 = new Vector<float>(w);
                    var w1 = new Vector<float>(Unsafe.Add(ref w, 1));
                    var w2 = new Vector<float>(Unsafe.Add(ref w, 2));
                    var w3 = new Vector<float>(Unsafe.Add(ref w, 3));
                    a0 = Vector.FusedMultiplyAdd(w0, xa, a0); b0 = Vector.FusedMultiplyAdd(w0, xb, b0);
                    a1 = Vector.FusedMultiplyAdd(w1, xa, a1); b1 = Vector.FusedMultiplyAdd(w1, xb, b1);
                    a2 = Vector.FusedMultiplyAdd(w2, xa, a2); b2 = Vector.FusedMultiplyAdd(w2, xb, b2);
                    a3 = Vector.FusedMultiplyAdd(w3, xa, a3); b3 = Vector.FusedMultiplyAdd(w3, xb, b3);
                    w = ref Unsafe.Add(ref w, ChannelBlock);
                }
        }
        ref var y = ref MemoryMarshal.GetArrayDataReference(output);
        var first = (nuint)(block * ChannelBlock * positions + tile);
        var next = (nuint)positions;
        a0.StoreUnsafe(ref y, first); b0.StoreUnsafe(ref y, first + lanes);
        a1.StoreUnsafe(ref y, first + next); b1.StoreUnsafe(ref y, first + next + lanes);
        a2.StoreUnsafe(ref y, first + 2 * next); b2.StoreUnsafe(ref y, first + 2 * next + lanes);
        a3.StoreUnsafe(ref y, first + 3 * next); b3.StoreUnsafe(ref y, first + 3 * next + lanes);
    }

    /// <summary>
    /// Writes <paramref name="source"/> (channels of an H×W image whose rows start every <paramref name="sourceRowStride"/>
    /// floats and channels every <paramref name="sourceChannelStride"/>) into a padded grid, each pixel repeated
    /// <paramref name="scale"/>×<paramref name="scale"/> times (nearest-neighbour upsampling, which is exact). The border
    /// is zero, or with <paramref name="reflect"/> the mirror image of the pixels next to it (torch's "reflect" mode).
    /// </summary>
    public static void FillPaddedGrid(
        ReadOnlySpan<float> source, int channels, int height, int width, int sourceRowStride, int sourceChannelStride, int scale, float[] grid,
        bool reflect = false)
    {
        var outHeight = height * scale;
        var outWidth = width * scale;
        if (reflect && (outHeight < 2 || outWidth < 2)) throw new ArgumentException("reflection needs an image of at least 2×2 pixels");
        var rowStride = outWidth + 2;
        var channelStride = (outHeight + 2) * rowStride;
        Array.Clear(grid);
        for (var c = 0; c < channels; c++)
        {
            var channel = grid.AsSpan(c * channelStride, channelStride);
            for (var y = 0; y < outHeight; y++)
            {
                var from = source.Slice(c * sourceChannelStride + y / scale * sourceRowStride, width);
                var to = channel.Slice((y + 1) * rowStride + 1, outWidth);
                for (var x = 0; x < outWidth; x++) to[x] = from[x / scale];
                if (!reflect) continue;
                var row = channel.Slice((y + 1) * rowStride, rowStride);
                row[0] = row[2];
                row[outWidth + 1] = row[outWidth - 1];
            }
            if (!reflect) continue;
            channel.Slice(2 * rowStride, rowStride).CopyTo(channel.Slice(0, rowStride));
            channel.Slice((outHeight - 1) * rowStride, rowStride).CopyTo(channel.Slice((outHeight + 1) * rowStride, rowStride));
        }
    }
}
