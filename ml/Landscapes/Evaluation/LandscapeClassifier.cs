using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// A small CNN that tells the categories apart: four conv-BN-ReLU stages (the first strided), global average pooling,
/// dropout and a linear head. Used to check that generated images look like the category asked for, and kept as the
/// starting point for transfer learning.
/// </summary>
public sealed class LandscapeClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear head;

    public LandscapeClassifier(string name, int categoryCount, int width = 32) : base(name)
    {
        if (categoryCount < 2) throw new ArgumentOutOfRangeException(nameof(categoryCount), categoryCount, "A classifier needs at least two categories.");
        features = nn.Sequential(
            ("conv0", nn.Conv2d(3, width, 3, stride: 2, padding: 1, bias: false)), ("norm0", nn.BatchNorm2d(width)), ("act0", nn.ReLU()), // (B, w, R/2, R/2)
            ("conv1", nn.Conv2d(width, width * 2, 3, padding: 1, bias: false)), ("norm1", nn.BatchNorm2d(width * 2)), ("act1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)), // (B, 2w, R/4, R/4)
            ("conv2", nn.Conv2d(width * 2, width * 4, 3, padding: 1, bias: false)), ("norm2", nn.BatchNorm2d(width * 4)), ("act2", nn.ReLU()),
            ("pool2", nn.MaxPool2d(2)), // (B, 4w, R/8, R/8)
            ("conv3", nn.Conv2d(width * 4, width * 4, 3, padding: 1, bias: false)), ("norm3", nn.BatchNorm2d(width * 4)), ("act3", nn.ReLU()));
        dropout = nn.Dropout(0.3);
        head = nn.Linear(width * 4, categoryCount);
        RegisterComponents();
    }

    /// <summary>(B, 3, R, R) in [-1, 1] to (B, K) logits.</summary>
    public override Tensor forward(Tensor images) =>
        head.forward(dropout.forward(features.forward(images).mean([2, 3])));
}
