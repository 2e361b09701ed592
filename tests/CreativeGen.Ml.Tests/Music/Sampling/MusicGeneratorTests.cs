using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Midi;
using NAudio.Midi;

namespace CreativeGen.Ml.Tests.Music.Sampling;

public sealed class MusicGeneratorTests(TinyPianoModelFixture model) : IClassFixture<TinyPianoModelFixture>
{
    private static MusicRequest Request(long seed, string? composer = "Chopin") => new(composer, 6, 1.0, 40, 0.95, seed);

    [Fact]
    public void Generate_SameSeedAndArguments_ByteIdenticalAcrossLoads()
    {
        byte[] first, second, other;
        using (var generator = MusicModelLoader.Load(model.Checkpoint)) first = generator.GenerateMidi([Request(5)])[0];
        using (var generator = MusicModelLoader.Load(model.Checkpoint))
        {
            second = generator.GenerateMidi([Request(5)])[0];
            other = generator.GenerateMidi([Request(6)])[0];
        }

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_AloneOrInABatch_SameBytesPerRequest()
    {
        using var generator = MusicModelLoader.Load(model.Checkpoint);
        var alone = generator.GenerateMidi([Request(21)])[0];

        var batch = generator.GenerateMidi([Request(3, "Haydn"), Request(21), new MusicRequest(null, 3, 0.7, null, null, 99)]);

        Assert.Equal(alone, batch[1]);
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public void GenerateTokens_AloneOrAmongShorterAndLongerNeighbours_SameTokens()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var request = new MusicRequest("Chopin", 5, 0.9, 30, 0.9, 42);
        var alone = generator.GenerateTokens([request])[0];

        // Neighbours finish before and after it (they leave the batch as they finish) and sample differently.
        MusicRequest[] batch = [new("Haydn", 1, 1.3, null, null, 1), new(null, 8, 0.7, 5, null, 2), request, new("Chopin", 2, 1.0, null, 0.5, 3), new(null, 3, 1.1, 12, 0.99, 4)];
        var tokens = generator.GenerateTokens(batch);

        Assert.Equal(alone, tokens[2]);
        Assert.True(alone.Length > 20, $"only {alone.Length} tokens");
        Assert.Equal(tokens.Sum(t => t.Length), generator.LastTimings.Tokens);
        Assert.True(generator.LastTimings.NetworkSeconds > 0 && generator.LastTimings.SamplingSeconds > 0);
    }

    [Fact]
    public async Task Dispose_DuringAGeneration_WaitsForItThenRefusesNewWork()
    {
        var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var expected = generator.GenerateTokens([new MusicRequest(null, 60, 1.0, null, null, 9)])[0];
        var running = Task.Run(() => generator.GenerateTokens([new MusicRequest(null, 60, 1.0, null, null, 9)])[0]);
        await Task.Delay(50); // the second generation takes several times longer

        generator.Dispose(); // must not free the tensors under the running steps (that crashed the process)

        try
        {
            Assert.Equal(expected, await running);
        }
        catch (ObjectDisposedException)
        {
            // Dispose took the lock first: refusing the work is the other correct outcome.
        }
        Assert.Throws<ObjectDisposedException>(() => generator.GenerateTokens([new MusicRequest(null, 1, 1.0, null, null, 1)]));
        generator.Dispose();
    }

    [Fact]
    public void Generate_Output_IsValidMidiWithTempoAndRequestedLength()
    {
        using var generator = MusicModelLoader.Load(model.Checkpoint);
        var midi = generator.GenerateMidi([new MusicRequest("Haydn", 8, 1.0, null, null, 1, TempoBpm: 90)])[0];

        var file = new MidiFile(new MemoryStream(midi), strictChecking: true);
        var tempo = file.Events[0].OfType<TempoEvent>().Single();
        Assert.Equal(90, 60_000_000.0 / tempo.MicrosecondsPerQuarterNote, 1);
        var piece = MidiReader.Read(midi, "generated.mid");
        Assert.InRange(piece.Notes.Max(n => n.StartSeconds), 0, 8.0);
    }

    [Fact]
    public void Generate_InvalidRequests_ThrowArgumentException()
    {
        using var generator = MusicModelLoader.Load(model.Checkpoint);

        Assert.Contains("Chopin", Assert.Throws<ArgumentException>(() => generator.GenerateMidi([Request(1, "Nobody")])).Message);
        Assert.Throws<ArgumentException>(() => generator.GenerateMidi([new MusicRequest(null, 5, 0, null, null, 1)]));
        Assert.Throws<ArgumentException>(() => generator.GenerateMidi([new MusicRequest(null, -1, 1, null, null, 1)]));
        Assert.Throws<ArgumentException>(() => generator.GenerateMidi([new MusicRequest(null, 5, 1, 0, null, 1)]));
        Assert.Throws<ArgumentException>(() => generator.GenerateMidi([new MusicRequest(null, 5, 1, null, 1.5, 1)]));
    }

    [Fact]
    public void Generate_WithPrimer_StartsWithThePrimerAndContinuesPastIt()
    {
        using var generator = MusicModelLoader.LoadGenerator(model.Checkpoint);
        var source = MidiReader.Read(MusicTestData.Files(MusicTestData.FixturePianoVal, 1)[0]);
        var primer = source.WithNotes([.. source.Notes.Where(n => n.EndSeconds < 4)]);

        var midi = generator.GenerateMidi([Request(8)], [primer])[0];

        var notes = MidiReader.Read(midi, "continued.mid").Notes;
        var primerEnd = primer.Notes.Max(n => n.StartSeconds);
        var start = primer.Notes.Min(n => n.StartSeconds);
        Assert.Equal(primer.Notes.Select(n => n.Pitch).Order(), notes.Where(n => n.StartSeconds <= primerEnd + 0.006).Select(n => n.Pitch).Order());
        Assert.Contains(notes, n => n.StartSeconds > primerEnd + 0.05);
        Assert.InRange(notes.Min(n => n.StartSeconds), start - 0.01, start + 0.01);
    }
}
