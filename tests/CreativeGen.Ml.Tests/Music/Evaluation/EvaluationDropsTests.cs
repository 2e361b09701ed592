using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music.Evaluation;

/// <summary>Evaluation names and counts every file it drops, through the same report training uses (issue 9, section 4).</summary>
public sealed class EvaluationDropsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("creativegen-eval-drops-").FullName;

    public EvaluationDropsTests() => TorchRuntime.Initialize();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Evaluate_FolderWithFuzzedFiles_NamesEveryDroppedFileAndCountsThem()
    {
        var good = UntrainedMusicModel.Midi(24);
        for (var i = 0; i < 3; i++) File.WriteAllBytes(Path.Combine(folder, $"good-{i}.mid"), good);
        var bad = new Dictionary<string, byte[]>
        {
            ["empty.mid"] = [],
            ["text.mid"] = "not music at all, not even close"u8.ToArray(),
            ["truncated.mid"] = good[..(good.Length / 2)],
            ["no-header.mid"] = [(byte)'X', .. good[1..]],
            ["no-notes.mid"] = UntrainedMusicModel.Midi(0),
        };
        foreach (var (name, bytes) in bad) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        var lines = new List<string>();
        var header = UntrainedMusicModel.Header();
        using var model = new CreativeGen.Ml.Music.Model.MusicLstm(header.Model);

        var report = LikelihoodEvaluator.Evaluate(model, header, folder, log: lines.Add);

        Assert.Equal(3, report.Pieces);
        Assert.Equal(bad.Count, report.Rejected);
        foreach (var name in bad.Keys)
            Assert.Single(lines, line => line.StartsWith("skipped ") && line.Contains(Path.Combine(folder, name)));
        Assert.Contains(lines, line => line.Contains($"loaded 3 of 8 MIDI files from {folder} (5 skipped)"));
    }

    [Fact]
    public void EvaluateGeneratedSet_ReferenceAndTrainingFolders_ReportTheirDropsToo()
    {
        File.WriteAllBytes(Path.Combine(folder, "good-1.mid"), UntrainedMusicModel.Midi(24));
        File.WriteAllBytes(Path.Combine(folder, "good-2.mid"), UntrainedMusicModel.Midi(30, firstPitch: 48));
        var broken = Path.Combine(folder, "broken.mid");
        File.WriteAllBytes(broken, [1, 2, 3]);
        var lines = new List<string>();
        var generated = new[] { CreativeGen.Ml.Music.Midi.MidiReader.Read(UntrainedMusicModel.Midi(16), "generated.mid").Notes };

        GeneratedSetEvaluator.Evaluate(generated, folder, folder, segmentSeconds: 10, log: lines.Add);

        Assert.Equal(2, lines.Count(line => line.Contains(broken)));  // once for the reference folder, once for training
        Assert.Equal(2, lines.Count(line => line.Contains("(1 skipped)")));
    }
}
