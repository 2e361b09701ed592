using System.Buffers;
using System.Numerics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Sampling;

/// <summary>
/// The projection generator's forward pass for serving, computed by this code instead of libtorch, one image at a time,
/// so that an image's bytes are fixed by construction: alone or beside other requests, on any thread count, and on
/// any x86-64 CPU with fused multiply-add. Every sum runs in an order written here (see <see cref="ExactConvolution"/>,
/// <see cref="ExactConditionalNorm"/>, <see cref="RowExactKernels"/>). libtorch's own pass, by contrast, sums in
/// orders chosen by oneDNN and MKL per CPU, shape and thread share, and the same image computed twice on an Intel
/// AVX-512 machine once differed (CI under ATEN_CPU_CAPABILITY=default). Its results agree with libtorch's pass to
/// rounding (tests/…/ExactGeneratorTests).
/// </summary>
internal sealed class ExactGenerator
{
    private readonly int latentSize;
    private readonly int embeddingSize;
    private readonly int categories;
    private readonly int firstChannels;
    private readonly float[] embedding; // (categories, embedding)
    private readonly float[] projectionPacked; // (latent + embedding, 16·first channels), packed in panels
    private readonly float[] projectionBias;
    private readonly int projectionColumns;
    private readonly ExactConditionalNorm projectionNorm;
    private readonly (ExactConvolution Conv, ExactConditionalNorm Norm)[] blocks;
    private readonly ExactConvolution toRgb;
    private readonly bool reflect;

    public ExactGenerator(ConditionalGenerator network)
    {
        var options = network.Options;
        latentSize = options.LatentSize;
        embeddingSize = options.EmbeddingSize;
        categories = options.Categories.Count;
        Resolution = options.Resolution;
        reflect = options.GeneratorPadding == GeneratorPadding.Reflect; // the network's constructor refused any other value
        firstChannels = (int)network.FirstChannels;
        embedding = Floats(network.Embedding);
        var projection = network.Projection;
        var depth = latentSize + embeddingSize;
        var outputs = 16 * firstChannels;
        projectionColumns = RowExactKernels.PaddedColumns(outputs);
        projectionPacked = RowExactKernels.PackPanels(Floats(projection.weight!.t()), depth, outputs);
        projectionBias = Floats(projection.bias!);
        projectionNorm = Norm(network.ProjectionNorm);
        blocks = network.Blocks
            .Select(block => (Convolution(block.Conv), Norm(block.Norm)))
            .ToArray();
        toRgb = Convolution(network.ToRgb);
    }

    public int Resolution { get; }

    /// <summary>The image for one latent and one row of category weights, as RGB bytes (HWC).</summary>
    public byte[] Generate(ReadOnlySpan<float> latent, ReadOnlySpan<float> categoryWeights)
    {
        if (latent.Length != latentSize) throw new ArgumentException($"expected a latent of {latentSize}, got {latent.Length}", nameof(latent));
        if (categoryWeights.Length != categories) throw new ArgumentException($"expected {categories} category weights, got {categoryWeights.Length}", nameof(categoryWeights));
        var input = new float[latentSize + embeddingSize];
        latent.CopyTo(input);
        var condition = input.AsSpan(latentSize);
        for (var e = 0; e < embeddingSize; e++)
        {
            var sum = 0f;
            for (var k = 0; k < categories; k++) sum = MathF.FusedMultiplyAdd(categoryWeights[k], embedding[k * embeddingSize + e], sum);
            condition[e] = sum;
        }

        var projected = new float[projectionColumns];
        RowExactKernels.AccumulateProduct(projected, 1, projectionColumns, input, input.Length, input.Length, projectionPacked);
        for (var j = 0; j < projectionBias.Length; j++) projected[j] += projectionBias[j];
        projectionNorm.ApplyWithRelu(projected, 16, 16, condition);

        // (channels, 4, 4) rows of 4 → each block: upsample ×2 into a padded grid, convolve, normalize.
        float[] features = projected;
        int size = 4, rowStride = 4, channelStride = 16, channels = firstChannels;
        var rented = new List<float[]>();
        try
        {
            foreach (var (conv, norm) in blocks)
            {
                var grid = Rent(rented, ExactConvolution.InputLength(channels, 2 * size, 2 * size));
                ExactConvolution.FillPaddedGrid(features, channels, size, size, rowStride, channelStride, 2, grid, reflect);
                size *= 2;
                var positions = ExactConvolution.OutputLength(size, size);
                features = Rent(rented, conv.OutputBufferLength(size, size));
                conv.Apply(grid, size, size, features);
                norm.ApplyWithRelu(features, positions, positions, condition);
                (rowStride, channelStride, channels) = (size + 2, positions, conv.Outputs);
            }
            var rgbGrid = Rent(rented, ExactConvolution.InputLength(channels, size, size));
            ExactConvolution.FillPaddedGrid(features, channels, size, size, rowStride, channelStride, 1, rgbGrid, reflect);
            var rgbPositions = ExactConvolution.OutputLength(size, size);
            var rgb = Rent(rented, toRgb.OutputBufferLength(size, size));
            toRgb.Apply(rgbGrid, size, size, rgb);
            return ToBytes(rgb, rgbPositions, size);
        }
        finally
        {
            foreach (var array in rented) ArrayPool<float>.Shared.Return(array);
        }
    }

    /// <summary>tanh, then (v + 1)·127.5 rounded half to even and clamped, as ImageTensors does, into HWC bytes.</summary>
    private static byte[] ToBytes(float[] rgb, int positions, int size)
    {
        var lanes = Vector<float>.Count;
        for (var at = 0; at + lanes <= 3 * positions; at += lanes) // positions are whole vectors
            RowExactKernels.Tanh(new Vector<float>(rgb.AsSpan(at))).CopyTo(rgb.AsSpan(at));
        var bytes = new byte[size * size * 3];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                {
                    var value = MathF.Round((rgb[c * positions + y * (size + 2) + x] + 1f) * 127.5f);
                    bytes[(y * size + x) * 3 + c] = (byte)Math.Clamp(value, 0f, 255f);
                }
        return bytes;
    }

    private static float[] Rent(List<float[]> rented, int length)
    {
        var array = ArrayPool<float>.Shared.Rent(length);
        rented.Add(array);
        return array;
    }

    private static ExactConvolution Convolution(Conv2d conv)
    {
        var weight = conv.weight!;
        if (weight.shape is not [var outputs, var inputs, 3, 3]) throw new NotSupportedException($"only 3×3 convolutions, not ({string.Join(", ", weight.shape)})");
        return new ExactConvolution(Floats(weight), conv.bias is null ? null : Floats(conv.bias), (int)inputs, (int)outputs);
    }

    private static ExactConditionalNorm Norm(ConditionalBatchNorm norm) =>
        new(Floats(norm.Norm.running_mean!), Floats(norm.Norm.running_var!), norm.Norm.eps,
            Floats(norm.Gain.weight!), Floats(norm.Gain.bias!), Floats(norm.Shift.weight!), Floats(norm.Shift.bias!));

    private static float[] Floats(Tensor tensor)
    {
        using var host = tensor.detach().cpu().contiguous();
        return host.data<float>().ToArray();
    }
}
