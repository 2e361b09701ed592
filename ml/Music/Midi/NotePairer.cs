namespace CreativeGen.Ml.Music.Midi;

/// <summary>
/// Pairs note-ons with note-offs within one track. A second note-on of a sounding pitch (same channel)
/// ends the earlier note there (a key cannot sound twice); a note-off without a sounding note is counted
/// and ignored; notes still sounding at the end of the track end there.
/// </summary>
internal sealed class NotePairer(TempoMap tempoMap)
{
    private readonly Dictionary<(int Channel, int Pitch), (long Tick, int Velocity, int Track, int Program)> sounding = [];
    private int unmatchedOffs;
    private int unclosedOns;
    private int zeroLength;
    private int restruck;

    public List<MidiNote> Notes { get; } = [];

    public void On(long tick, int channel, int pitch, int velocity, int track, int program)
    {
        if (sounding.ContainsKey((channel, pitch)))
        {
            restruck++;
            Close(tick, channel, pitch);
        }
        sounding[(channel, pitch)] = (tick, velocity, track, program);
    }

    public void Off(long tick, int channel, int pitch)
    {
        if (!sounding.ContainsKey((channel, pitch)))
        {
            unmatchedOffs++;
            return;
        }
        Close(tick, channel, pitch);
    }

    public void CloseAll(long tick)
    {
        foreach (var (channel, pitch) in sounding.Keys.ToList())
        {
            unclosedOns++;
            Close(Math.Max(tick, sounding[(channel, pitch)].Tick + 1), channel, pitch);
        }
    }

    public IngestReport Report() => new(unmatchedOffs, unclosedOns, zeroLength, restruck);

    private void Close(long tick, int channel, int pitch)
    {
        var start = sounding[(channel, pitch)];
        sounding.Remove((channel, pitch));
        if (tick <= start.Tick)
        {
            zeroLength++;
            return;
        }
        Notes.Add(new MidiNote(pitch, start.Velocity,
            tempoMap.ToSeconds(start.Tick), tempoMap.ToSeconds(tick),
            tempoMap.ToBeats(start.Tick), tempoMap.ToBeats(tick),
            start.Track, start.Program, channel - 1));
    }
}
