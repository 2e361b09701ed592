namespace CreativeGen.Client.Gateway.Audio;

/// <summary>WAV through the music library's MIDI renderer (fluidsynth and a General MIDI soundfont).</summary>
public sealed class MidiWavRenderer : IWavRenderer
{
    // TODO(merge): set to true once CreativeGen.Ml.Music.Audio.MidiAudioRenderer is on this branch.
    public bool IsAvailable => false;

    public byte[] Render(byte[] midi) =>
        // TODO(merge): return CreativeGen.Ml.Music.Audio.MidiAudioRenderer.RenderWav(midi);
        throw new NotSupportedException("WAV rendering is not wired in yet (client/Gateway/Audio/MidiWavRenderer.cs).");
}
