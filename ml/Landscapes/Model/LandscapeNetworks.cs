using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>Builds the generator and discriminator of an architecture, with initial weights drawn from <c>random</c>.</summary>
public static class LandscapeNetworks
{
    public static LandscapeGeneratorNetwork CreateGenerator(LandscapeModelOptions options, Generator random) => options.Architecture switch
    {
        LandscapeArchitecture.Projection => new ConditionalGenerator("generator", options, random),
        LandscapeArchitecture.TransposedDcgan => new TransposedDcganGenerator("generator", options, random),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
    };

    public static nn.Module<Tensor, Tensor, Tensor> CreateDiscriminator(LandscapeModelOptions options, Generator random) => options.Architecture switch
    {
        LandscapeArchitecture.Projection => new ProjectionDiscriminator("discriminator", options, random),
        LandscapeArchitecture.TransposedDcgan => new TransposedDcganDiscriminator("discriminator", options, random),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
    };
}
