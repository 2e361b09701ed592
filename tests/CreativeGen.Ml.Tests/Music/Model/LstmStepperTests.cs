using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Tests.Music.Model;

public sealed class LstmStepperTests
{
    public LstmStepperTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Step_TokenByToken_MatchesTheSequenceLstm(int layers)
    {
        using var model = Model(vocabulary: 30, embedding: 8, hidden: 24, layers);
        var tokens = Tokens(rows: 3, steps: 12, vocabulary: 30, seed: layers);
        using var input = torch.tensor(tokens.SelectMany(t => t).ToArray(), [3, 12]);
        using var expected = model.forward(input); // (3, 12, V)
        using var stepper = new LstmStepper(model);

        stepper.Reset(3);
        for (var t = 0; t < 12; t++)
        {
            using var logits = stepper.Step([.. tokens.Select(row => row[t])]);
            using var want = expected.select(1, t);
            Assert.True(logits.allclose(want, rtol: 1e-4, atol: 1e-5), $"step {t}: max difference {(logits - want).abs().max().item<float>()}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(33)]
    public void Step_RowAloneOrAnywhereInABatch_BitwiseIdenticalLogits(int batch)
    {
        // The shipped model's shape. Unpadded, libtorch's product sums differently for 1-3 rows (per thread:
        // the tests run with 2 torch threads, where batches of 5, 6 and 10 rows differed too).
        using var model = Model(vocabulary: 425, embedding: 128, hidden: 256, layers: 2);
        using var stepper = new LstmStepper(model);
        var tokens = Tokens(batch, steps: 20, vocabulary: 425, seed: batch);

        var together = Run(stepper, tokens);

        Assert.Equal(Run(stepper, [tokens[0]])[0], together[0]);
        Assert.Equal(Run(stepper, [tokens[^1]])[0], together[^1]);
    }

    [Fact]
    public void KeepRows_DroppedStreams_LeaveTheOthersUnchanged()
    {
        using var model = Model(vocabulary: 40, embedding: 8, hidden: 16, layers: 2);
        using var stepper = new LstmStepper(model);
        var tokens = Tokens(rows: 6, steps: 10, vocabulary: 40, seed: 3);
        var full = Run(stepper, tokens);

        stepper.Reset(6);
        float[][] kept = [];
        for (var t = 0; t < 10; t++)
        {
            if (t == 4) stepper.KeepRows([4, 1]); // rows 0, 2, 3, 5 finished; the batch is padded below 4 rows
            var rows = t < 4 ? new[] { 0, 1, 2, 3, 4, 5 } : [4, 1];
            using var scope = torch.NewDisposeScope();
            kept = Rows(stepper.Step([.. rows.Select(r => tokens[r][t])]));
        }

        Assert.Equal(2, stepper.BatchSize);
        Assert.Equal(full[4], kept[0]);
        Assert.Equal(full[1], kept[1]);
    }

    [Theory]
    [InlineData(3, 1)] // joins into a padding row
    [InlineData(4, 3)] // the batch grows past its padding
    public void AddRows_StreamsJoiningMidRun_MatchTheirRunsAloneAndLeaveTheOthersUnchanged(int first, int joining)
    {
        using var model = Model(vocabulary: 425, embedding: 128, hidden: 256, layers: 2);
        using var stepper = new LstmStepper(model);
        var tokens = Tokens(first + joining, steps: 12, vocabulary: 425, seed: 7);
        const int joinAt = 5;
        var earlyAlone = Run(stepper, [tokens[0]])[0];
        var lateAlone = Run(stepper, [tokens[^1][..(12 - joinAt)]])[0];

        stepper.Reset(first);
        float[][] last = [];
        for (var t = 0; t < 12; t++)
        {
            if (t == joinAt) stepper.AddRows(joining);
            var step = Enumerable.Range(0, t < joinAt ? first : first + joining)
                .Select(r => r < first ? tokens[r][t] : tokens[r][t - joinAt]).ToArray();
            using var scope = torch.NewDisposeScope();
            last = Rows(stepper.Step(step));
        }

        Assert.Equal(first + joining, stepper.BatchSize);
        Assert.Equal(earlyAlone, last[0]);
        Assert.Equal(lateAlone, last[^1]);
    }

    [Fact]
    public void Step_WrongTokenCount_ThrowsNamingTheBatchSize()
    {
        using var model = Model(vocabulary: 20, embedding: 4, hidden: 8, layers: 1);
        using var stepper = new LstmStepper(model);
        stepper.Reset(3);

        Assert.Contains("expected 3 tokens", Assert.Throws<ArgumentException>(() => stepper.Step([1, 2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => stepper.KeepRows([0, 3]));
    }

    private static MusicLstm Model(int vocabulary, int embedding, int hidden, int layers)
    {
        var model = new MusicLstm(new MusicModelConfig(vocabulary, embedding, hidden, layers, 0.2));
        model.eval();
        return model;
    }

    private static long[][] Tokens(int rows, int steps, int vocabulary, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, steps).Select(_ => (long)random.Next(vocabulary)).ToArray())];
    }

    /// <summary>The last step's logits per row after feeding every row its tokens.</summary>
    private static float[][] Run(LstmStepper stepper, long[][] tokens)
    {
        stepper.Reset(tokens.Length);
        float[][] last = [];
        for (var t = 0; t < tokens[0].Length; t++)
        {
            using var scope = torch.NewDisposeScope();
            last = Rows(stepper.Step([.. tokens.Select(row => row[t])]));
        }
        return last;
    }

    private static float[][] Rows(Tensor logits)
    {
        var width = (int)logits.shape[1];
        var all = logits.contiguous().data<float>().ToArray();
        return [.. Enumerable.Range(0, (int)logits.shape[0]).Select(r => all.AsSpan(r * width, width).ToArray())];
    }
}
