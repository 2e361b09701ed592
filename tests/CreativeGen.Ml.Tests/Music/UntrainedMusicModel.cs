using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Model;
using CreativeGen.Ml.Music.Tokens;
using CreativeGen.Ml.Music.Training;

namespace CreativeGen.Ml.Tests.Music;

/// <summary>An untrained tiny performance-event model and synthetic MIDI, for tests that need no shared data.</summary>
public static class UntrainedMusicModel
{
    public static CheckpointHeader Header()
    {
        var tokenizer = new PerformanceEventTokenizer(1, null);
        var config = new MusicModelConfig(tokenizer.Size, embeddingSize: 8, hiddenSize: 16, layers: 2, dropout: 0);
        return new CheckpointHeader(MusicCheckpoint.FormatVersion, TinyModels.Options, tokenizer.ToSpec(), config, TrainingState.Initial);
    }

    /// <summary>Saves an untrained model under <paramref name="path"/> and returns the path.</summary>
    public static string Save(string path)
    {
        var header = Header();
        using var model = new MusicLstm(header.Model);
        MusicCheckpoint.Save(path, header, model, null);
        return path;
    }

    /// <summary>A short MIDI file: <paramref name="count"/> notes <paramref name="spacingSeconds"/> apart.</summary>
    public static byte[] Midi(int count, double spacingSeconds = 0.25, int firstPitch = 60)
    {
        var notes = Enumerable.Range(0, count)
            .Select(i => new MidiNote(firstPitch + i % 12, 80, i * spacingSeconds, i * spacingSeconds + 0.2, 0, 0, 0))
            .ToList();
        return MidiWriter.Write([new MidiTrackSpec("piano", 0, notes)]);
    }
}
