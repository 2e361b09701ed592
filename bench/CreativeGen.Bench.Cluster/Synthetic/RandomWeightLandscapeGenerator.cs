using CreativeGen.Ml.Landscapes;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Bench.Cluster.Synthetic;

/// <summary>
/// BENCHMARK ONLY: an untrained generator with the landscape model's shape (latent and category to 512x4x4,
/// four Upsample+Conv stages 512-256-128-64-32 to 64x64, a 3-channel output), so that a batch costs what the
/// real generator costs on this device. The images are noise; it measures serving, not painting.
/// </summary>
public sealed class RandomWeightLandscapeGenerator : IDisposable, ILandscapeGenerator
{
    private const int Latent = 128;

    private readonly nn.Module<Tensor, Tensor> project;
    private readonly nn.Module<Tensor, Tensor> upsample;

    public RandomWeightLandscapeGenerator()
    {
        torch.manual_seed(2);
        project = nn.Linear(Latent + 4, 512 * 4 * 4);
        var stages = new List<nn.Module<Tensor, Tensor>>();
        var channels = new[] { 512, 256, 128, 64, 32 };
        for (var i = 0; i < 4; i++)
        {
            stages.Add(nn.Upsample(scale_factor: [2, 2], mode: UpsampleMode.Nearest));
            stages.Add(nn.Conv2d(channels[i], channels[i + 1], 3, padding: 1));
            stages.Add(nn.BatchNorm2d(channels[i + 1]));
            stages.Add(nn.ReLU());
        }
        stages.Add(nn.Conv2d(32, 3, 3, padding: 1));
        stages.Add(nn.Tanh());
        upsample = nn.Sequential(stages);
        project.eval();
        upsample.eval();
    }

    public string ModelName => "random-weight-conv";

    public string ModelVersion => "random-1";

    public IReadOnlyList<string> Categories { get; } = ["forest", "glacier", "mountain", "sea"];

    public int Resolution => 64;

    public IReadOnlyList<byte[]> GeneratePng(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken = default)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var latents = torch.stack(requests.Select(r =>
            torch.cat([torch.randn([Latent], generator: new torch.Generator((ulong)r.Seed)) * r.Truncation, OneHot(r.Category)])).ToList());
        var images = upsample.forward(project.forward(latents).view(-1, 512, 4, 4)); // (B, 3, 64, 64)
        var pixels = ((images + 1) * 127.5).clamp(0, 255).to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();
        var size = Resolution * Resolution * 3;
        return [.. requests.Select((_, i) => Png(pixels.AsSpan(i * size, size)))];
    }

    public void Dispose()
    {
        project.Dispose();
        upsample.Dispose();
    }

    private Tensor OneHot(string category)
    {
        var index = Categories.ToList().IndexOf(category);
        if (index < 0) throw new ArgumentException($"Unknown category '{category}'.");
        var values = new float[4];
        values[index] = 1;
        return torch.tensor(values);
    }

    private byte[] Png(ReadOnlySpan<byte> rgb)
    {
        using var bitmap = new SKBitmap(Resolution, Resolution);
        for (var y = 0; y < Resolution; y++)
            for (var x = 0; x < Resolution; x++)
            {
                var p = (y * Resolution + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(rgb[p], rgb[p + 1], rgb[p + 2]));
            }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
