using NAudio.Midi;

namespace CreativeGen.Ml.Music.Midi;

/// <summary>
/// Reads standard MIDI files (type 0 and 1) into a <see cref="MidiPiece"/>: all tracks merged on one timeline
/// through the tempo map, note-ons paired with note-offs (velocity-0 note-ons count as note-offs; a note-on
/// of a pitch that is already sounding on the same channel and track ends the earlier note), velocities,
/// programs, sustain pedal and time signatures kept. Any problem raises <see cref="MidiFormatException"/>
/// naming the file.
/// </summary>
public static class MidiReader
{
    /// <summary>Longest piece accepted; anything longer is a corrupt delta time, not music.</summary>
    public const double MaxDurationSeconds = 3 * 3600;

    public static MidiPiece Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new MidiFormatException(path, $"cannot be read ({error.Message})", error);
        }
        return Read(bytes, path);
    }

    public static MidiPiece Read(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new MidiFormatException(name, "the file is empty");
        if (bytes.Length < 14 || bytes[0] != 'M' || bytes[1] != 'T' || bytes[2] != 'h' || bytes[3] != 'd')
            throw new MidiFormatException(name, "not a standard MIDI file (no MThd header)");

        MidiFile file;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            file = new MidiFile(stream, strictChecking: false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            var problem = error is EndOfStreamException ? "truncated (ended inside a chunk)" : $"malformed ({error.Message})";
            throw new MidiFormatException(name, problem, error);
        }

        if (file.DeltaTicksPerQuarterNote <= 0 || file.DeltaTicksPerQuarterNote > 0x7FFF)
            throw new MidiFormatException(name, $"unsupported time division {file.DeltaTicksPerQuarterNote} (SMPTE time is not supported)");
        if (file.FileFormat is not (0 or 1))
            throw new MidiFormatException(name, $"unsupported MIDI file type {file.FileFormat} (only types 0 and 1)");

        return Build(file, name);
    }

    private static MidiPiece Build(MidiFile file, string name)
    {
        var tempoEvents = new List<(long, int)>();
        var signatures = new List<TimeSignature>();
        foreach (var track in file.Events)
        {
            foreach (var midiEvent in track)
            {
                if (midiEvent is TempoEvent tempo)
                {
                    if (tempo.MicrosecondsPerQuarterNote <= 0)
                        throw new MidiFormatException(name, $"invalid tempo ({tempo.MicrosecondsPerQuarterNote} µs per quarter note) at tick {tempo.AbsoluteTime}");
                    tempoEvents.Add((tempo.AbsoluteTime, tempo.MicrosecondsPerQuarterNote));
                }
                else if (midiEvent is TimeSignatureEvent signature)
                {
                    signatures.Add(new TimeSignature((double)signature.AbsoluteTime / file.DeltaTicksPerQuarterNote,
                        signature.Numerator, 1 << Math.Min(signature.Denominator, 6)));
                }
            }
        }
        var tempoMap = new TempoMap(file.DeltaTicksPerQuarterNote, tempoEvents);

        var pairer = new NotePairer(tempoMap);
        var pedals = new List<PedalEvent>();
        var noteTrack = 0;
        for (var trackIndex = 0; trackIndex < file.Tracks; trackIndex++)
        {
            var before = pairer.Notes.Count;
            var programs = new int[17];
            foreach (var midiEvent in file.Events[trackIndex].OrderBy(e => e.AbsoluteTime))
            {
                switch (midiEvent)
                {
                    case PatchChangeEvent patch:
                        programs[patch.Channel] = patch.Patch;
                        break;
                    case ControlChangeEvent control when control.Controller == MidiController.Sustain:
                        pedals.Add(new PedalEvent(tempoMap.ToSeconds(control.AbsoluteTime), control.Channel - 1, control.ControllerValue >= 64));
                        break;
                    case NoteEvent note when note.CommandCode == MidiCommandCode.NoteOn && note.Velocity > 0:
                        pairer.On(note.AbsoluteTime, note.Channel, note.NoteNumber, note.Velocity, noteTrack, programs[note.Channel]);
                        break;
                    case NoteEvent note when note.CommandCode is MidiCommandCode.NoteOn or MidiCommandCode.NoteOff:
                        pairer.Off(note.AbsoluteTime, note.Channel, note.NoteNumber);
                        break;
                }
            }
            var lastTick = file.Events[trackIndex].Count == 0 ? 0 : file.Events[trackIndex].Max(e => e.AbsoluteTime);
            pairer.CloseAll(lastTick);
            if (pairer.Notes.Count > before) noteTrack++;
        }

        if (pairer.Notes.Count == 0) throw new MidiFormatException(name, "contains no notes");
        var notes = pairer.Notes
            .OrderBy(n => n.StartSeconds).ThenBy(n => n.Pitch).ThenBy(n => n.Track)
            .ToList();
        var duration = notes.Max(n => n.EndSeconds);
        if (duration > MaxDurationSeconds)
            throw new MidiFormatException(name, $"implausible length ({duration / 3600:F1} hours): corrupt delta times");

        return new MidiPiece(name, notes, tempoMap.Changes(), signatures.OrderBy(s => s.Beats).ToList(),
            pedals.OrderBy(p => p.Seconds).ToList(), noteTrack, pairer.Report());
    }
}
