using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Evaluation;

/// <summary>
/// A small CNN that tells the categories apart: four conv-BN-ReLU stages (the first strided; the middle and last ones
/// with <c>convsPerStage</c> convolutions each), global average pooling, dropout and a linear head. Used to check that generated images look like the category asked for, and kept as the
/// starting point for transfer learning.
/// </summary>
public sealed class LandscapeClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear head;

    public LandscapeClassifier(string name, int categoryCount, int width = 32, int convsPerStage = 1) : base(name)
    {
        if (categoryCount < 2) throw new ArgumentOutOfRangeException(nameof(categoryCount), categoryCount, "A classifier needs at least two categories.");
        if (convsPerStage is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(convsPerStage), convsPerStage, "1 to 3 convolutions per stage.");
        // Names of the single-convolution layout stay as they were, so classifiers saved before still load.
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        AddStage(layers, "0", 3, width, convsPerStage: 1, stride: 2);             // (B, w, R/2, R/2)
        AddStage(layers, "1", width, width * 2, convsPerStage, stride: 1);
        layers.Add(("pool1", nn.MaxPool2d(2)));                                   // (B, 2w, R/4, R/4)
        AddStage(layers, "2", width * 2, width * 4, convsPerStage, stride: 1);
        layers.Add(("pool2", nn.MaxPool2d(2)));                                   // (B, 4w, R/8, R/8)
        AddStage(layers, "3", width * 4, width * 4, convsPerStage, stride: 1);
        features = nn.Sequential(layers);
        dropout = nn.Dropout(0.3);
        head = nn.Linear(width * 4, categoryCount);
        RegisterComponents();
    }

    private static void AddStage(List<(string, nn.Module<Tensor, Tensor>)> layers, string stage, int inputs, int outputs, int convsPerStage, int stride)
    {
        for (var conv = 0; conv < convsPerStage; conv++)
        {
            var suffix = conv == 0 ? stage : $"{stage}_{conv}";
            layers.Add(($"conv{suffix}", nn.Conv2d(conv == 0 ? inputs : outputs, outputs, 3, stride: conv == 0 ? stride : 1, padding: 1, bias: false)));
            layers.Add(($"norm{suffix}", nn.BatchNorm2d(outputs)));
            layers.Add(($"act{suffix}", nn.ReLU()));
        }
    }

    /// <summary>(B, 3, R, R) in [-1, 1] to (B, K) logits.</summary>
    public override Tensor forward(Tensor images) =>
        head.forward(dropout.forward(features.forward(images).mean([2, 3])));
}
