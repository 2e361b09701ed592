using CreativeGen.Ml.Music.Audio;
using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Tests.Music.Audio;

public class MidiAudioRendererTests
{
    [SkippableFact]
    public void RenderWav_RealMidi_ReturnsWaveAudioAndLeavesNoTempFiles()
    {
        Skip.If(MidiAudioRenderer.FindFluidSynth() is null || MidiAudioRenderer.FindSoundFont() is null, "fluidsynth or a GM soundfont is not installed (.ci/run installs them)");
        var notes = MidiReader.Read(MusicTestData.Files(MusicTestData.NottinghamVal, 1)[0]).Notes.Where(n => n.StartSeconds < 2).ToList();
        var midi = MidiWriter.Write([new MidiTrackSpec("t", 0, notes)]);
        var before = Directory.GetDirectories(Path.GetTempPath(), "creativegen-render-*").Length;

        var wav = MidiAudioRenderer.RenderWav(midi);

        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("WAVE"u8.ToArray(), wav[8..12]);
        Assert.True(wav.Length > 44_100 * 2 * 2, "at least a second of 16-bit stereo audio");
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "creativegen-render-*").Length);
    }

    [Fact]
    public void RenderWav_MissingSoundFont_ThrowsClearError()
    {
        var midi = MidiWriter.Write([new MidiTrackSpec("t", 0, [new MidiNote(60, 80, 0, 0.5, 0, 1)])]);
        var error = Record.Exception(() => MidiAudioRenderer.RenderWav(midi, "/nonexistent/none.sf2"));

        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.True(invalid.Message.Contains("soundfont") || invalid.Message.Contains("fluidsynth"), invalid.Message);
    }
}
