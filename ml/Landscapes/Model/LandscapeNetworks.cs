using CreativeGen.Ml.Common;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// Builds the generator and discriminator of an architecture, with initial weights drawn from <c>random</c> (on the
/// CPU, so a seed means the same weights on any device), then moved to the configured device.
/// </summary>
public static class LandscapeNetworks
{
    public static LandscapeGeneratorNetwork CreateGenerator(LandscapeModelOptions options, Generator random)
    {
        LandscapeGeneratorNetwork network = options.Architecture switch
        {
            LandscapeArchitecture.Projection => new ConditionalGenerator("generator", options, random),
            LandscapeArchitecture.TransposedDcgan => new TransposedDcganGenerator("generator", options, random),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
        };
        return TorchDevice.Place(network);
    }

    public static nn.Module<Tensor, Tensor, Tensor> CreateDiscriminator(LandscapeModelOptions options, Generator random)
    {
        nn.Module<Tensor, Tensor, Tensor> network = options.Architecture switch
        {
            LandscapeArchitecture.Projection => new ProjectionDiscriminator("discriminator", options, random),
            LandscapeArchitecture.TransposedDcgan => new TransposedDcganDiscriminator("discriminator", options, random),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
        };
        return TorchDevice.Place(network);
    }
}
