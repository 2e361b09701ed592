using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Evaluation;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Sampling;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;
using NAudio.Midi;

namespace CreativeGen.Ml.Tests.Music.Pop;

/// <summary>A tiny pop model trained for one short epoch on three real POP909 songs (skips without the shared data).</summary>
public sealed class TinyPopModelFixture : IDisposable
{
    private readonly Lazy<string> checkpoint;

    public TinyPopModelFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cg-pop-model-" + Guid.NewGuid().ToString("N"));
        checkpoint = new(() =>
        {
            TestData.RequireSharedData();
            var options = TrainingOptions.PopSmall with { EmbeddingSize = 16, HiddenSize = 32, SequenceLength = 64, BatchSize = 8, WindowsPerEpoch = 16, Seed = 3 };
            return TinyModels.Train(Folder, options, new MusicData(PopTestData.Train, PopTestData.Val, MaxTrainFiles: 3, MaxValidationFiles: 2));
        });
    }

    public string Folder { get; }

    /// <summary>Trained on first use, so that a run without the data skips instead of failing in the constructor.</summary>
    public string Checkpoint => checkpoint.Value;

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

public class PopGenerationTests(TinyPopModelFixture model) : IClassFixture<TinyPopModelFixture>
{
    private static MusicRequest Request(long seed, string? key = "A minor", IReadOnlyList<string>? chords = null, IReadOnlyList<string>? instruments = null) =>
        new(null, 6, 1.0, null, 0.95, seed, 100, key, chords, instruments);

    [SkippableFact]
    public void SameRequest_GivesTheSameBytes_AloneOrBatchedWithOthers()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var request = Request(7, chords: ["Am", "F", "C", "G"]);

        var alone = generator.GenerateMidi([request]);
        var batched = generator.GenerateMidi([Request(1, "Eb major"), request, Request(2, key: null)]);
        var again = generator.GenerateMidi([request]);

        Assert.Equal(alone[0], batched[1]);
        Assert.Equal(alone[0], again[0]);
        Assert.NotEqual(alone[0], generator.GenerateMidi([request with { Seed = 8 }])[0]);
    }

    [SkippableFact]
    public void ForcedProgression_IsTheChordOfEveryBeat()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);

        var body = generator.GenerateTokens([Request(3, chords: ["Am", "F", "C", "G7"])])[0];

        var expected = new[] { "A:min", "F:maj", "C:maj", "G:7" };
        var chords = PopBarTokenizer.DecodeChords(body);
        Assert.True(chords.Count >= 8, $"{chords.Count} beats in {body.Length} tokens");
        for (var beat = 0; beat < chords.Count; beat++) Assert.Equal(expected[beat / 4 % 4], Chord.Format(chords[beat]));
    }

    [SkippableFact]
    public void WrittenMidi_HasOneNamedTrackPerPart_WithTheRequestedPrograms()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);

        var chosen = generator.GenerateMidi([Request(4, instruments: ["violin", "harp", "guitar"])])[0];
        var defaults = generator.GenerateMidi([Request(4)])[0];

        Assert.Equal([("Melody", 40), ("Bridge", 46), ("Accompaniment", 24)], TracksAndPrograms(chosen));
        Assert.Equal([("Melody", 73), ("Bridge", 48), ("Accompaniment", 0)], TracksAndPrograms(defaults));
        var piece = MidiReader.Read(chosen, "generated.mid");
        Assert.All(piece.Notes, n => Assert.Equal(new[] { 40, 46, 24 }[n.Track], n.Program));
    }

    [SkippableTheory]
    [InlineData("H minor", null, null, "key:")]
    [InlineData("A minor", "Am,Xyz", null, "chords:")]
    [InlineData("A minor", null, "flute,kazoo", "instruments:")]
    [InlineData("A minor", null, "flute,strings,piano,harp", "instruments:")]
    public void BadPopRequests_AreRefusedNamingTheField(string key, string? chords, string? instruments, string field)
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);

        var error = Assert.Throws<ArgumentException>(() => generator.GenerateMidi([Request(1, key, chords?.Split(','), instruments?.Split(','))]));

        Assert.StartsWith(field, error.Message);
    }

    [SkippableFact]
    public void ControlEvaluation_OnRealVal_HasHighCeilings_AndRatesInRange()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var val = PopTestData.Songs(PopTestData.Val, 6, stride: 13).Select(PopSongReader.Read).ToList();

        var report = PopControlEvaluator.Evaluate(generator, val, val.Take(2).ToList(), pieces: 4, seconds: 8, temperature: 1.0, topP: 0.95);

        // Real POP909 harmony agrees with its own chord annotations on most beats: the measure measures harmony.
        Assert.True(report.RealChordAgreement >= 0.7, $"real chord agreement {report.RealChordAgreement:P0}");
        Assert.InRange(report.ChordAgreement, 0, 1);
        Assert.InRange(report.KeyExactKeyOnly, 0, 1);
        Assert.Equal(6, report.Features.Count);
    }

    private static List<(string, int)> TracksAndPrograms(byte[] midi)
    {
        var file = new MidiFile(new MemoryStream(midi), strictChecking: true);
        return [.. Enumerable.Range(1, file.Tracks - 1).Select(t => (
            file.Events[t].OfType<TextEvent>().First(e => e.MetaEventType == MetaEventType.SequenceTrackName).Text,
            file.Events[t].OfType<PatchChangeEvent>().First().Patch))];
    }
}
