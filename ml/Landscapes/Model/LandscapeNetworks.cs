using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>Builds the generator and discriminator of an architecture.</summary>
public static class LandscapeNetworks
{
    public static LandscapeGeneratorNetwork CreateGenerator(LandscapeModelOptions options) => options.Architecture switch
    {
        LandscapeArchitecture.Projection => new ConditionalGenerator("generator", options),
        LandscapeArchitecture.TransposedDcgan => new TransposedDcganGenerator("generator", options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
    };

    public static nn.Module<Tensor, Tensor, Tensor> CreateDiscriminator(LandscapeModelOptions options) => options.Architecture switch
    {
        LandscapeArchitecture.Projection => new ProjectionDiscriminator("discriminator", options),
        LandscapeArchitecture.TransposedDcgan => new TransposedDcganDiscriminator("discriminator", options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Architecture, "Unknown architecture."),
    };
}
