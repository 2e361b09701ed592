namespace CreativeGen.Ml.Lyrics.Singing;

/// <summary>16-bit PCM audio as floats in [-1, 1], interleaved by channel.</summary>
public sealed record PcmAudio(int SampleRate, int Channels, float[] Samples)
{
    public int Frames => Samples.Length / Channels;

    public double Seconds => (double)Frames / SampleRate;
}

/// <summary>Reads and writes 16-bit PCM WAV files (chunks other than fmt and data are skipped) and mixes a voice into an accompaniment.</summary>
public static class WavAudio
{
    public static PcmAudio Read(byte[] wav, string what = "WAV")
    {
        if (wav.Length < 44 || wav[0] != 'R' || wav[1] != 'I' || wav[2] != 'F' || wav[3] != 'F' || wav[8] != 'W' || wav[9] != 'A')
            throw new InvalidDataException($"{what}: not a RIFF/WAVE file");
        int? rate = null, channels = null, bits = null;
        for (var position = 12; position + 8 <= wav.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(wav, position, 4);
            var size = BitConverter.ToInt32(wav, position + 4);
            var body = position + 8;
            if (size < 0 || body + size > wav.Length) size = wav.Length - body;  // streamed files leave sizes unset
            if (id == "fmt ")
            {
                if (BitConverter.ToInt16(wav, body) != 1) throw new InvalidDataException($"{what}: only PCM WAV is supported");
                channels = BitConverter.ToInt16(wav, body + 2);
                rate = BitConverter.ToInt32(wav, body + 4);
                bits = BitConverter.ToInt16(wav, body + 14);
            }
            else if (id == "data")
            {
                if (rate is null || channels is not (1 or 2) || bits != 16) throw new InvalidDataException($"{what}: expected 16-bit mono or stereo PCM");
                var samples = new float[size / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(wav, body + 2 * i) / 32768f;
                return new PcmAudio(rate.Value, channels.Value, samples);
            }
            position = body + size + (size & 1);
        }
        throw new InvalidDataException($"{what}: no data chunk");
    }

    public static byte[] Write(PcmAudio audio)
    {
        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        var dataBytes = audio.Samples.Length * 2;
        writer.Write("RIFF"u8);
        writer.Write(36 + dataBytes);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)audio.Channels);
        writer.Write(audio.SampleRate);
        writer.Write(audio.SampleRate * audio.Channels * 2);
        writer.Write((short)(audio.Channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(dataBytes);
        foreach (var sample in audio.Samples) writer.Write((short)Math.Round(Math.Clamp(sample, -1f, 32767f / 32768f) * 32768f));
        writer.Flush();
        return output.ToArray();
    }

    /// <summary>
    /// The voice (any rate, mono) resampled by linear interpolation to the accompaniment's rate and added to every
    /// channel at <paramref name="voiceGain"/>, the accompaniment at <paramref name="backingGain"/>; the result is as long
    /// as the longer of the two, and peaks above full scale are scaled down for the whole mix (no clipping).
    /// </summary>
    public static PcmAudio Mix(PcmAudio backing, PcmAudio voice, float voiceGain = 1.0f, float backingGain = 0.6f)
    {
        if (voice.Channels != 1) throw new ArgumentException("the voice must be mono", nameof(voice));
        var voiceAtRate = Resample(voice.Samples, voice.SampleRate, backing.SampleRate);
        var frames = Math.Max(backing.Frames, voiceAtRate.Length);
        var mixed = new float[frames * backing.Channels];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < backing.Channels; c++)
            {
                var index = f * backing.Channels + c;
                var value = (f < backing.Frames ? backing.Samples[index] * backingGain : 0f) + (f < voiceAtRate.Length ? voiceAtRate[f] * voiceGain : 0f);
                mixed[index] = value;
            }
        var peak = mixed.Length == 0 ? 0 : mixed.Max(Math.Abs);
        if (peak > 0.99f) for (var i = 0; i < mixed.Length; i++) mixed[i] *= 0.99f / peak;
        return new PcmAudio(backing.SampleRate, backing.Channels, mixed);
    }

    public static float[] Resample(float[] samples, int fromRate, int toRate)
    {
        if (fromRate == toRate) return samples;
        var length = (int)((long)samples.Length * toRate / fromRate);
        var result = new float[length];
        for (var i = 0; i < length; i++)
        {
            var position = (double)i * fromRate / toRate;
            var left = (int)position;
            var fraction = (float)(position - left);
            var a = samples[Math.Min(left, samples.Length - 1)];
            var b = samples[Math.Min(left + 1, samples.Length - 1)];
            result[i] = a + (b - a) * fraction;
        }
        return result;
    }
}
