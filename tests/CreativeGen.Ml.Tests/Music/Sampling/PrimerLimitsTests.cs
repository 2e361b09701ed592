using System.Diagnostics;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Sampling;

namespace CreativeGen.Ml.Tests.Music.Sampling;

/// <summary>A primer is bounded in notes, seconds and tokens; over a bound it is refused with the reason (issue 9, section 4).</summary>
public sealed class PrimerLimitsTests : IDisposable
{
    private readonly MusicGenerator generator;

    public PrimerLimitsTests()
    {
        TorchRuntime.Initialize();
        var header = UntrainedMusicModel.Header();
        generator = new MusicGenerator(new MusicLstm(header.Model), header, "untrained", "test");
    }

    public void Dispose() => generator.Dispose();

    [Fact]
    public void Generate_Primer200000NotesOneTickApart_RefusedAtOnceNamingTheBound()
    {
        var primer = Primer(200_000, spacingSeconds: 1.0 / 960, durationSeconds: 1.0 / 960); // one tick at 480 ppq, 120 bpm
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ArgumentException>(() => generator.GenerateTokens([Request()], [primer]));

        Assert.Contains("200,000 notes", error.Message);
        Assert.Contains($"at most {PrimerLimits.MaxNotes:N0}", error.Message);
        Assert.Contains("primer.mid", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalSeconds:F1} s to refuse");
    }

    [Fact]
    public void Generate_PrimerLongerThanTheLongestPiece_RefusedNamingTheBound()
    {
        var primer = Primer(100, spacingSeconds: 7, durationSeconds: 1); // 700 s
        var error = Assert.Throws<ArgumentException>(() => generator.GenerateTokens([Request()], [primer]));
        Assert.Contains($"at most {PrimerLimits.MaxSeconds:F0} s", error.Message);
    }

    [Fact]
    public void Generate_PrimerOfTooManyTokensWithinTheNoteBound_RefusedNamingTheBound()
    {
        // 9,000 notes 60 ms apart (540 s), velocities alternating: each note costs a shift, a velocity, an on and an off.
        var notes = Enumerable.Range(0, 9_000)
            .Select(i => new MidiNote(40 + i % 48, i % 2 == 0 ? 40 : 110, i * 0.06, i * 0.06 + 0.03, 0, 0))
            .ToList();
        var primer = Piece(notes);
        var error = Assert.Throws<ArgumentException>(() => generator.GenerateTokens([Request()], [primer]));
        Assert.Contains($"at most {PrimerLimits.MaxTokens:N0}", error.Message);
        Assert.Contains("tokens", error.Message);
    }

    [Fact]
    public void Generate_ShortPrimer_IsContinued()
    {
        var primer = Primer(40, spacingSeconds: 0.25, durationSeconds: 0.2);
        var tokens = generator.GenerateTokens([Request()], [primer])[0];
        var primerTokens = generator.Tokenizer.Encode(generator.Header.Options.ApplySustain ? SustainPedal.Apply(primer) : primer);
        Assert.Equal(primerTokens, tokens[..primerTokens.Length]);
        Assert.True(tokens.Length > primerTokens.Length);
    }

    private static MusicRequest Request() => new(null, 2, 1.0, null, null, 1);

    private static MidiPiece Primer(int count, double spacingSeconds, double durationSeconds) =>
        Piece([.. Enumerable.Range(0, count).Select(i => new MidiNote(48 + i % 36, 80, i * spacingSeconds, i * spacingSeconds + durationSeconds, 0, 0))]);

    /// <summary>Through a real MIDI file and back, as a primer given on the command line arrives.</summary>
    private static MidiPiece Piece(IReadOnlyList<MidiNote> notes) =>
        MidiReader.Read(MidiWriter.Write([new MidiTrackSpec("piano", 0, notes)]), "primer.mid");
}
