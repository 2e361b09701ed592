using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018): splits the batch into groups of <c>groupSize</c> images, takes
/// the standard deviation of every feature over each group, averages it over channels and positions, and appends that
/// number as one constant feature map to every image of the group. A discriminator that sees it can tell a batch of
/// near-identical generated images from a batch of varied real photos, which pushes a collapsing generator apart.
/// No weights.
/// </summary>
public sealed class MinibatchStdDev : nn.Module<Tensor, Tensor>
{
    private readonly long groupSize;

    public MinibatchStdDev(string name, long groupSize) : base(name)
    {
        if (groupSize < 2) throw new ArgumentOutOfRangeException(nameof(groupSize), groupSize, "A minibatch standard-deviation group needs at least two images.");
        this.groupSize = groupSize;
    }

    /// <param name="input">(B, C, H, W)</param>
    /// <returns>(B, C + 1, H, W); a batch that no group size above one divides (e.g. B = 1 or a prime) gets zeros.</returns>
    public override Tensor forward(Tensor input)
    {
        long batch = input.shape[0], channels = input.shape[1], height = input.shape[2], width = input.shape[3];
        var group = GroupFor(batch);
        Tensor spread;
        if (group < 2)
        {
            spread = torch.zeros([batch, 1, height, width], dtype: input.dtype, device: input.device);
        }
        else
        {
            // (G, B/G, C, H, W): image g of every group sits in slice g, so variance over dim 0 is within each group.
            var grouped = input.view(group, batch / group, channels, height, width);
            var std = grouped.var(0, unbiased: false).add(1e-8).sqrt(); // (B/G, C, H, W)
            var perGroup = std.mean([1, 2, 3]); // (B/G)
            spread = perGroup.view(1, batch / group, 1, 1, 1).expand(group, batch / group, 1, height, width).reshape(batch, 1, height, width);
        }
        return torch.cat([input, spread], 1);
    }

    /// <summary>The largest group size not above the configured one that divides the batch (1 if none).</summary>
    public long GroupFor(long batch)
    {
        for (var g = Math.Min(groupSize, batch); g >= 2; g--)
            if (batch % g == 0) return g;
        return 1;
    }
}
