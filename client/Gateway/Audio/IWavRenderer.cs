namespace CreativeGen.Client.Gateway.Audio;

/// <summary>Turns MIDI into WAV for clients that ask for audio/wav.</summary>
public interface IWavRenderer
{
    /// <summary>False where no synthesizer is available; the gateway then answers 406 to WAV requests.</summary>
    bool IsAvailable { get; }

    byte[] Render(byte[] midi);
}
