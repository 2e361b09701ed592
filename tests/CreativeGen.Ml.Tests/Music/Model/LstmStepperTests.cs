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
    [Trait("Category", "BatchInvariance")]
    [InlineData(1)]
    [InlineData(2)]
    public void Step_EveryRowOfEveryBatchSizeUpTo64_BitwiseIdenticalToTheRowAlone(int threads)
    {
        // The shipped model's shape. Every batch size 1-64 is stepped, its rows drawn from different places of one
        // pool of token streams, and each row is compared with the same stream stepped alone.
        using var model = Model(vocabulary: 425, embedding: 128, hidden: 256, layers: 2);
        using var stepper = new LstmStepper(model, threads);
        var pool = Tokens(rows: 64, steps: 6, vocabulary: 425, seed: 11);
        var alone = pool.Select(stream => Run(stepper, [stream])[0]).ToArray();

        for (var size = 1; size <= 64; size++)
        {
            var members = Enumerable.Range(0, size).Select(i => (i * 37 + size) % 64).ToArray();
            var together = Run(stepper, [.. members.Select(m => pool[m])]);
            for (var row = 0; row < size; row++)
                Assert.True(alone[members[row]].AsSpan().SequenceEqual(together[row]), $"batch of {size}: row {row} (stream {members[row]}) differs from the stream alone");
        }
    }

    [Fact]
    [Trait("Category", "BatchInvariance")]
    public void Step_ThreadCount_DoesNotChangeABit()
    {
        using var model = Model(vocabulary: 425, embedding: 128, hidden: 256, layers: 2);
        using var oneThread = new LstmStepper(model, threads: 1);
        using var twoThreads = new LstmStepper(model, threads: 2);
        var tokens = Tokens(rows: 48, steps: 8, vocabulary: 425, seed: 5);

        var expected = Run(oneThread, tokens);
        var actual = Run(twoThreads, tokens);

        for (var row = 0; row < tokens.Length; row++) Assert.True(expected[row].AsSpan().SequenceEqual(actual[row]), $"row {row} differs between 1 and 2 threads");
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
            if (t == 4) stepper.KeepRows([4, 1]); // rows 0, 2, 3, 5 finished
            var rows = t < 4 ? new[] { 0, 1, 2, 3, 4, 5 } : [4, 1];
            using var scope = torch.NewDisposeScope();
            kept = Rows(stepper.Step([.. rows.Select(r => tokens[r][t])]));
        }

        Assert.Equal(2, stepper.BatchSize);
        Assert.Equal(full[4], kept[0]);
        Assert.Equal(full[1], kept[1]);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 3)] // past the first capacity of 4 rows
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
