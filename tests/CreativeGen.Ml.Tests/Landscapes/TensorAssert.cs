using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Landscapes;

public static class TensorAssert
{
    /// <summary>Same shape and bit-identical values.</summary>
    public static void Identical(Tensor expected, Tensor actual, string? what = null)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.eq(actual).all().item<bool>(), $"{what ?? "tensor"} differs");
    }
}
