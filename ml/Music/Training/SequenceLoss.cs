using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Data;
using CreativeGen.Ml.Music.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Music.Training;

/// <summary>Cross-entropy of a model on packed token windows.</summary>
public static class SequenceLoss
{
    /// <summary>Summed loss (nats) over the batch's counted targets, as a scalar tensor.</summary>
    public static Tensor Sum(MusicLstm model, long[] inputs, long[] targets, int rows, int width)
    {
        var x = TorchDevice.Place(torch.tensor(inputs, [rows, width]));
        var y = TorchDevice.Place(torch.tensor(targets, [rows * width]));
        var logits = model.forward(x).reshape(rows * width, -1);
        return nn.functional.cross_entropy(logits, y, ignore_index: -100, reduction: nn.Reduction.Sum);
    }

    /// <summary>Total negative log-likelihood (nats) and number of predicted tokens over all windows, in eval mode.</summary>
    public static (double Nats, long Tokens) Evaluate(MusicLstm model, IReadOnlyList<TokenWindow> windows, int length, int batchSize)
    {
        var wasTraining = model.training;
        model.eval();
        double nats = 0;
        long tokens = 0;
        using (torch.no_grad())
        {
            for (var start = 0; start < windows.Count; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var batch = windows.Skip(start).Take(batchSize).ToList();
                var (inputs, targets, width, counted) = TokenWindows.Pack(batch, length);
                nats += Sum(model, inputs, targets, batch.Count, width).item<float>();
                tokens += counted;
            }
        }
        if (wasTraining) model.train();
        return (nats, tokens);
    }
}
