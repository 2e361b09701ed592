using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>
/// The landscape generator: the latent and the category embedding are projected to a 4x4 map, then
/// Upsample+Conv blocks with conditional batch norm double it to the resolution, and a 3x3 convolution with tanh
/// paints RGB. No transposed convolutions (they left checkerboard artifacts in the seed).
/// </summary>
public sealed class ConditionalGenerator : LandscapeGeneratorNetwork
{
    private readonly Parameter embedding;
    private readonly Linear projection;
    private readonly ConditionalBatchNorm projectionNorm;
    private readonly ModuleList<UpsampleConvBlock> blocks;
    private readonly Conv2d toRgb;
    private readonly long firstChannels;

    public ConditionalGenerator(string name, LandscapeModelOptions options, Generator random) : base(name, options)
    {
        firstChannels = options.BaseWidth * 8;
        embedding = nn.Parameter(SeededInit.StandardNormal(random, options.Categories.Count, options.EmbeddingSize));
        projection = SeededInit.Default(nn.Linear(options.LatentSize + options.EmbeddingSize, firstChannels * 16), random);
        projectionNorm = new ConditionalBatchNorm("projection_norm", firstChannels, options.EmbeddingSize);
        blocks = new ModuleList<UpsampleConvBlock>();
        var channels = firstChannels;
        for (var stage = 0; stage < options.Stages; stage++)
        {
            var next = Math.Max(channels / 2, options.BaseWidth / 2);
            blocks.Add(new UpsampleConvBlock($"block{stage}", channels, next, options.EmbeddingSize, random));
            channels = next;
        }
        toRgb = SeededInit.Default(nn.Conv2d(channels, 3, 3, padding: 1), random);
        register_parameter("embedding", embedding);
        RegisterComponents();
    }

    // Read by ExactGenerator, which runs these weights with its own fixed-order arithmetic for serving.
    internal Tensor Embedding => embedding;
    internal Linear Projection => projection;
    internal ConditionalBatchNorm ProjectionNorm => projectionNorm;
    internal IReadOnlyList<UpsampleConvBlock> Blocks => blocks.ToList();
    internal Conv2d ToRgb => toRgb;
    internal long FirstChannels => firstChannels;

    public override Tensor forward(Tensor latent, Tensor categoryWeights)
    {
        var condition = categoryWeights.matmul(embedding); // (B, E)
        var h = projection.forward(torch.cat([latent, condition], 1)).view(-1, firstChannels, 4, 4); // (B, 8w, 4, 4)
        h = nn.functional.relu(projectionNorm.forward(h, condition));
        foreach (var block in blocks) h = block.forward(h, condition); // ... (B, w/2, R, R)
        return torch.tanh(toRgb.forward(h)); // (B, 3, R, R)
    }
}
