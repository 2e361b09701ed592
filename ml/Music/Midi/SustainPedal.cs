namespace CreativeGen.Ml.Music.Midi;

/// <summary>
/// Applies the sustain pedal to note lengths, as a piano sounds: a note released while the pedal is down
/// keeps sounding until the pedal goes up, or until the same key is struck again, whichever comes first.
/// </summary>
public static class SustainPedal
{
    public static MidiPiece Apply(MidiPiece piece)
    {
        if (piece.Pedals.Count == 0) return piece;
        var byChannel = piece.Pedals.GroupBy(p => p.Channel).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Seconds).ToList());
        var nextStrike = NextStrikeOfSameKey(piece.Notes);
        var notes = new List<MidiNote>(piece.Notes.Count);
        for (var i = 0; i < piece.Notes.Count; i++)
        {
            var note = piece.Notes[i];
            if (!byChannel.TryGetValue(note.Channel, out var pedals)) { notes.Add(note); continue; }
            var end = note.EndSeconds;
            var released = PedalReleaseAfter(pedals, end);
            if (released > end)
            {
                var limit = Math.Min(released, nextStrike[i]);
                if (limit > end)
                {
                    var beatsPerSecond = (note.EndBeats - note.StartBeats) / Math.Max(1e-9, note.DurationSeconds);
                    notes.Add(note with { EndSeconds = limit, EndBeats = note.EndBeats + (limit - end) * beatsPerSecond });
                    continue;
                }
            }
            notes.Add(note);
        }
        return piece.WithNotes(notes);
    }

    /// <summary>When the pedal held at <paramref name="time"/> is lifted; <paramref name="time"/> itself when it is up.</summary>
    private static double PedalReleaseAfter(List<PedalEvent> pedals, double time)
    {
        var down = false;
        var index = 0;
        for (; index < pedals.Count && pedals[index].Seconds <= time; index++) down = pedals[index].Down;
        if (!down) return time;
        for (; index < pedals.Count; index++)
            if (!pedals[index].Down) return pedals[index].Seconds;
        return double.PositiveInfinity;
    }

    private static double[] NextStrikeOfSameKey(IReadOnlyList<MidiNote> notes)
    {
        var result = new double[notes.Count];
        var next = new Dictionary<(int, int), double>();
        var pastEnd = notes.Max(n => n.EndSeconds) + 2;
        var order = Enumerable.Range(0, notes.Count).OrderByDescending(i => notes[i].StartSeconds).ToList();
        foreach (var i in order)
        {
            var key = (notes[i].Channel, notes[i].Pitch);
            result[i] = next.TryGetValue(key, out var t) ? t : pastEnd;
            next[key] = notes[i].StartSeconds;
        }
        return result;
    }
}
