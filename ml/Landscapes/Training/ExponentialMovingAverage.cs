using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Training;

/// <summary>
/// Keeps <c>average ← decay·average + (1 − decay)·source</c> for every parameter, and copies buffers (batch-norm
/// statistics) verbatim. The decay warms up as (1 + step) / (10 + step) so early samples are not dominated by the
/// random initialization.
/// </summary>
public static class ExponentialMovingAverage
{
    public static void Update(nn.Module source, nn.Module average, double decay, long step)
    {
        var effective = Math.Min(decay, (1.0 + step) / (10.0 + step));
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var sourceParameters = source.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in average.named_parameters())
            parameter.mul_(effective).add_(sourceParameters[name], alpha: 1.0 - effective);
        var sourceBuffers = source.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        foreach (var (name, buffer) in average.named_buffers())
            buffer.copy_(sourceBuffers[name]);
    }

    public static void CopyInto(nn.Module source, nn.Module target) => Update(source, target, 0.0, 0);
}
