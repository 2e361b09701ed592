using CreativeGen.Ml.Music;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Bench.Cluster.Synthetic;

/// <summary>
/// BENCHMARK ONLY: an untrained network with the music model's shape (embedding, two 512-unit LSTM cells
/// sampled token by token, output layer over a 388-token vocabulary), so that a batch costs what the real
/// sampler costs on this device. The notes it writes are noise; it measures serving, not music.
/// </summary>
public sealed class RandomWeightMusicGenerator : IMusicGenerator
{
    private const int Vocabulary = 388;
    private const int Hidden = 512;
    private const double TokensPerSecondOfMusic = 20;

    private readonly nn.Module<Tensor, Tensor> embedding = nn.Embedding(Vocabulary, 256);
    private readonly TorchSharp.Modules.LSTMCell first = nn.LSTMCell(256, Hidden);
    private readonly TorchSharp.Modules.LSTMCell second = nn.LSTMCell(Hidden, Hidden);
    private readonly nn.Module<Tensor, Tensor> output = nn.Linear(Hidden, Vocabulary);

    public RandomWeightMusicGenerator()
    {
        torch.manual_seed(1);
        foreach (var module in new nn.Module[] { embedding, first, second, output }) module.eval();
    }

    public string ModelName => "random-weight-lstm";

    public string ModelVersion => "random-1";

    public IReadOnlyList<string> Composers { get; } = ["bach", "chopin", "satie"];

    public IReadOnlyList<byte[]> GenerateMidi(IReadOnlyList<MusicRequest> requests, CancellationToken cancellationToken = default)
    {
        var steps = (int)Math.Clamp(requests.Max(r => r.LengthSeconds) * TokensPerSecondOfMusic, 8, 4000);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        // One uniform number per request and step, from the request's own seed: rows do not depend on batch-mates.
        var uniforms = torch.stack(requests.Select(r => torch.rand([steps], generator: new torch.Generator((ulong)r.Seed))).ToList());
        var temperature = torch.tensor(requests.Select(r => (float)r.Temperature).ToArray()).unsqueeze(1);
        var batch = requests.Count;
        var token = torch.zeros([batch], ScalarType.Int64);
        (Tensor h, Tensor c) state1 = (torch.zeros(batch, Hidden), torch.zeros(batch, Hidden));
        (Tensor h, Tensor c) state2 = (torch.zeros(batch, Hidden), torch.zeros(batch, Hidden));
        var tokens = new long[batch, steps];
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state1 = first.forward(embedding.forward(token), state1);
            state2 = second.forward(state1.h, state2);
            var probabilities = (output.forward(state2.h) / temperature).softmax(-1);
            token = (probabilities.cumsum(-1) < uniforms[.., step].unsqueeze(1)).sum(-1).clamp(0, Vocabulary - 1);
            var values = token.data<long>().ToArray();
            for (var row = 0; row < batch; row++) tokens[row, step] = values[row];
        }
        return [.. requests.Select((r, row) => MinimalMidi.Write(
            Enumerable.Range(0, (int)Math.Clamp(r.LengthSeconds * TokensPerSecondOfMusic, 8, 4000)).Select(i => (byte)(36 + tokens[row, i] % 60)),
            r.TempoBpm ?? 120))];
    }

    public void Dispose()
    {
        foreach (var module in new nn.Module[] { embedding, first, second, output }) module.Dispose();
    }
}
