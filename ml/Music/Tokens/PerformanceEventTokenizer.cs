using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Tokens;

/// <summary>
/// Timed performance events: note-on and note-off per pitch (and per track when the corpus keeps tracks
/// apart, e.g. melody and chords), time shifts in 10 ms steps up to 1 s, and 32 velocity bins
/// (a velocity token is written only when the velocity bin changes). Onsets and ends are rounded to the
/// 10 ms grid, so onsets survive a round trip within 5 ms; a note lasts at least one step.
/// </summary>
public sealed class PerformanceEventTokenizer(int trackCount = 1, ConditioningVocabulary? conditioning = null)
    : MusicTokenizer(trackCount, conditioning)
{
    public const double StepSeconds = 0.01;
    public const int MaxShiftSteps = 100;
    public const int VelocityBins = 32;

    public override TokenizerKind Kind => TokenizerKind.PerformanceEvents;

    public int NoteOffBase => 128 * TrackCount;

    public int ShiftBase => 256 * TrackCount;

    public int VelocityBase => ShiftBase + MaxShiftSteps;

    public override int BaseSize => VelocityBase + VelocityBins;

    public override int[] Encode(MidiPiece piece)
    {
        var events = new List<(long Step, int Kind, int Track, int Pitch, int Velocity)>();
        var lastOnset = new Dictionary<(int, int), int>();
        var notes = piece.Notes
            .Select(n => (Step: Quantize(n.StartSeconds), End: Quantize(n.EndSeconds), n.Pitch, n.Velocity, Track: Math.Clamp(n.Track, 0, TrackCount - 1)))
            .Where(n => n.Pitch is >= 0 and < 128)
            .OrderBy(n => n.Step).ThenBy(n => n.Track).ThenBy(n => n.Pitch).ToList();
        // Same key struck again before it was released: the earlier note ends at the new onset.
        var ends = new long[notes.Count];
        for (var i = 0; i < notes.Count; i++)
        {
            var key = (notes[i].Track, notes[i].Pitch);
            ends[i] = Math.Max(notes[i].Step + 1, notes[i].End);
            if (lastOnset.TryGetValue(key, out var previous) && ends[previous] > notes[i].Step)
                ends[previous] = notes[i].Step;
            lastOnset[key] = i;
        }
        for (var i = 0; i < notes.Count; i++)
        {
            if (ends[i] <= notes[i].Step) continue; // duplicate strike on the same 10 ms step
            events.Add((notes[i].Step, 1, notes[i].Track, notes[i].Pitch, VelocityBin(notes[i].Velocity)));
            events.Add((ends[i], 0, notes[i].Track, notes[i].Pitch, 0));
        }

        var tokens = new List<int>(events.Count * 2);
        long now = 0;
        var velocity = -1;
        foreach (var e in events.OrderBy(e => e.Step).ThenBy(e => e.Kind).ThenBy(e => e.Track).ThenBy(e => e.Pitch))
        {
            for (var gap = e.Step - now; gap > 0; gap -= MaxShiftSteps)
                tokens.Add(ShiftBase + (int)Math.Min(gap, MaxShiftSteps) - 1);
            now = e.Step;
            if (e.Kind == 1)
            {
                if (e.Velocity != velocity) tokens.Add(VelocityBase + e.Velocity);
                velocity = e.Velocity;
                tokens.Add(e.Track * 128 + e.Pitch);
            }
            else
            {
                tokens.Add(NoteOffBase + e.Track * 128 + e.Pitch);
            }
        }
        return [.. tokens];
    }

    public override IReadOnlyList<MidiNote> Decode(IEnumerable<int> tokens, double bpm = 120)
    {
        var notes = new List<MidiNote>();
        var sounding = new Dictionary<int, (long Step, int Velocity)>();
        long now = 0;
        var velocity = 64;
        void Close(int key, long at)
        {
            var start = sounding[key];
            sounding.Remove(key);
            if (at > start.Step)
                notes.Add(NoteAt(key % 128, start.Velocity, start.Step * StepSeconds, at * StepSeconds, key / 128, bpm));
        }
        foreach (var token in tokens)
        {
            if (token < NoteOffBase)
            {
                if (sounding.ContainsKey(token)) Close(token, now);
                sounding[token] = (now, velocity);
            }
            else if (token < ShiftBase)
            {
                if (sounding.ContainsKey(token - NoteOffBase)) Close(token - NoteOffBase, now);
            }
            else if (token < VelocityBase) now += token - ShiftBase + 1;
            else if (token < BaseSize) velocity = (token - VelocityBase) * 4 + 2;
        }
        foreach (var key in sounding.Keys.Order().ToList()) Close(key, Math.Max(now, sounding[key].Step + 50));
        return [.. notes.OrderBy(n => n.StartSeconds).ThenBy(n => n.Track).ThenBy(n => n.Pitch)];
    }

    /// <summary>
    /// The notes still held at each position, as note-ons at the window's start, each preceded by its velocity bin
    /// where that changes, then the velocity bin in force. Without it a window cut mid-piece shows releases of
    /// notes it never saw struck, and the model never learns which of its own notes it must release.
    /// </summary>
    public override int[][] StatesAt(IReadOnlyList<int> body, IReadOnlyList<int> positions)
    {
        var states = new int[positions.Count][];
        var held = new SortedDictionary<int, int>(); // key (track * 128 + pitch) -> velocity bin
        var velocity = -1;
        var scanned = 0;
        for (var p = 0; p < positions.Count; p++)
        {
            if (p > 0 && positions[p] < positions[p - 1]) throw new ArgumentException("positions must ascend", nameof(positions));
            for (; scanned < Math.Min(positions[p], body.Count); scanned++)
            {
                var token = body[scanned];
                if (token < NoteOffBase) held[token] = Math.Max(velocity, 0);
                else if (token < ShiftBase) held.Remove(token - NoteOffBase);
                else if (token >= VelocityBase && token < BaseSize) velocity = token - VelocityBase;
            }
            var state = new List<int>(held.Count * 2 + 1);
            var written = -1;
            foreach (var (key, bin) in held)
            {
                if (bin != written) state.Add(VelocityBase + bin);
                written = bin;
                state.Add(key);
            }
            if (velocity >= 0 && velocity != written) state.Add(VelocityBase + velocity);
            states[p] = [.. state];
        }
        return states;
    }

    public override double SecondsOf(int token, double bpm = 120) =>
        token >= ShiftBase && token < VelocityBase ? (token - ShiftBase + 1) * StepSeconds : 0;

    public override TokenizerSpec ToSpec() => BaseSpec(null);

    /// <summary>A note-off is only allowed for a key that sounds: all note-offs start blocked.</summary>
    public override bool[] InitialBlocked()
    {
        var blocked = new bool[BaseSize];
        Array.Fill(blocked, true, NoteOffBase, NoteOffBase);
        return blocked;
    }

    public override void UpdateBlocked(bool[] blocked, int token)
    {
        if (token < NoteOffBase) blocked[NoteOffBase + token] = false;
        else if (token < ShiftBase) blocked[token] = true;
    }

    protected override string DescribeOwn(int token) =>
        token < NoteOffBase ? $"on:{token / 128}:{token % 128}"
        : token < ShiftBase ? $"off:{(token - NoteOffBase) / 128}:{(token - NoteOffBase) % 128}"
        : token < VelocityBase ? $"shift:{(token - ShiftBase + 1) * 10}ms"
        : $"vel:{token - VelocityBase}";

    public static int VelocityBin(int velocity) => Math.Clamp(velocity, 0, 127) / 4;

    private static long Quantize(double seconds) => (long)Math.Round(seconds / StepSeconds);
}
