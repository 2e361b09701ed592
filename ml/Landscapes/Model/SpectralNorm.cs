using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Spectral normalization (Miyato et al. 2018): divides a weight by an estimate of its largest singular value,
/// refined by one power iteration per training forward pass. The singular vectors are buffers, so a checkpoint
/// restores them and resumed training continues exactly.
/// </summary>
internal static class SpectralNorm
{
    /// <summary>Registers the u (rows) and v (columns) buffers for a weight whose matrix view is rows x columns.</summary>
    public static (Tensor U, Tensor V) CreateVectors(long rows, long columns, Generator random)
    {
        var u = nn.functional.normalize(SeededInit.StandardNormal(random, rows), dim: 0);
        var v = nn.functional.normalize(SeededInit.StandardNormal(random, columns), dim: 0);
        return (u, v);
    }

    /// <summary>The normalized weight. In training mode u and v are updated in place first.</summary>
    public static Tensor Normalize(Tensor weight, Tensor u, Tensor v, bool training)
    {
        var matrix = weight.view(weight.shape[0], -1);
        if (training)
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var newV = nn.functional.normalize(matrix.t().mv(u), dim: 0);
            var newU = nn.functional.normalize(matrix.mv(newV), dim: 0);
            v.copy_(newV);
            u.copy_(newU);
        }
        // Clones: the next forward pass updates u and v in place while this pass's graph still needs them.
        var sigma = u.clone().dot(matrix.mv(v.clone()));
        return weight.div(sigma);
    }
}
