using System.CommandLine;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Landscapes;
using CreativeGen.Ml.Landscapes.Imaging;
using Spectre.Console;

namespace CreativeGen.Client.Commands.Landscapes;

/// <summary>`creativegen landscape generate`: PNGs or a contact sheet of one category, or an interpolation strip.</summary>
public static class LandscapeGenerateCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo?>("--model") { Description = "Model checkpoint (default: the shipped models/landscape-64.ckpt)." };
        var category = new Option<string>("--category") { Description = "forest, glacier, mountain or sea.", DefaultValueFactory = _ => "mountain" };
        var count = new Option<int>("--count") { Description = "How many images (seeds seed, seed+1, ...).", DefaultValueFactory = _ => 16 };
        var seed = new Option<long>("--seed") { Description = "Seed of the first image.", DefaultValueFactory = _ => 7 };
        var truncation = new Option<double>("--truncation") { Description = "Truncation ψ in (0, 1]: lower trades variety for fidelity.", DefaultValueFactory = _ => 1.0 };
        var output = new Option<string>("--out") { Description = "A folder (one PNG per image) or a file ending in .png (one contact sheet).", Required = true };
        var interpolate = new Option<long[]>("--interpolate") { Description = "SEED_A SEED_B: walk the latent space from one seed to the other.", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var toCategory = new Option<string?>("--to-category") { Description = "With --interpolate: end in this category (start: --category)." };
        var frames = new Option<int>("--frames") { Description = "With --interpolate: number of frames.", DefaultValueFactory = _ => 8 };
        var command = new Command("generate", "Paint landscapes with a trained model (same seed and arguments give identical pixels).")
        {
            model, category, count, seed, truncation, output, interpolate, toCategory, frames,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            TorchRuntime.Initialize();
            var path = parse.GetValue(model)?.FullName ?? DefaultModels.Require(DefaultModels.LandscapeFileName);
            using var generator = LandscapeModelLoader.LoadModel(path);
            var firstCategory = parse.GetValue(category)!;
            var psi = parse.GetValue(truncation);
            IReadOnlyList<byte[]> images;
            int columns;
            if (parse.GetValue(interpolate) is { Length: 2 } seeds)
            {
                var frameCount = parse.GetValue(frames);
                images = generator.Interpolate(seeds[0], seeds[1], firstCategory, parse.GetValue(toCategory) ?? firstCategory, frameCount, psi);
                columns = frameCount;
            }
            else
            {
                var n = parse.GetValue(count);
                if (n is < 1 or > 4096) throw new ArgumentException($"--count must be in [1, 4096], got {n}.");
                var first = parse.GetValue(seed);
                images = generator.GenerateRgb(Enumerable.Range(0, n).Select(i => new LandscapeRequest(firstCategory, first + i, psi)).ToList());
                columns = Math.Min(n, 8);
            }
            var target = Path.GetFullPath(parse.GetValue(output)!);
            Write(images, generator.Resolution, columns, target);
            AnsiConsole.MarkupLineInterpolated($"wrote {target}: {images.Count} image(s) from {generator.ModelName} (version {generator.ModelVersion}, {generator.TrainedSteps} steps)");
            return 0;
        }));
        return command;
    }

    private static void Write(IReadOnlyList<byte[]> images, int resolution, int columns, string output)
    {
        if (output.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            AtomicFile.WriteAllBytes(output, PngWriter.ContactSheet(images, resolution, columns));
            return;
        }
        Directory.CreateDirectory(output);
        for (var i = 0; i < images.Count; i++)
            AtomicFile.WriteAllBytes(Path.Combine(output, $"landscape-{i:D3}.png"), PngWriter.Encode(images[i], resolution, resolution));
    }
}
