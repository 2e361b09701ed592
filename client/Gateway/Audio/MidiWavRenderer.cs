using CreativeGen.Ml.Music.Audio;

namespace CreativeGen.Client.Gateway.Audio;

/// <summary>WAV through the music library's MIDI renderer (fluidsynth and a General MIDI soundfont).</summary>
public sealed class MidiWavRenderer : IWavRenderer
{
    public bool IsAvailable => MidiAudioRenderer.FindFluidSynth() is not null && MidiAudioRenderer.FindSoundFont() is not null;

    public byte[] Render(byte[] midi) => MidiAudioRenderer.RenderWav(midi);
}
