using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;

namespace CreativeGen.Ml.Music.Tokens;

/// <summary>
/// Bar/position tokens for three-part pop songs. A body reads
/// <c>Key Tempo | Chord×4 (Pos Note Dur…)… | Bar Chord×4 … | Bar …</c>: the key and tempo bucket first, then per
/// 4/4 bar the chord of each of its four beats before its notes, so a forced chord steers the notes that follow.
/// A note is its part and pitch in one token (parts never mix) and a duration in sixteenths; a position token
/// (sixteenth of the bar) comes before the first note at that position. "Bar" closes a bar and opens the next.
/// </summary>
public sealed class PopBarTokenizer : MusicTokenizer
{
    public const int LowestPitch = 21;
    public const int PitchCount = 88;
    public const int PartCount = 3;
    public static readonly int[] Durations = [.. Enumerable.Range(1, 16), 20, 24, 28, 32, 48, 64];

    public const int KeyBase = 0;
    public static readonly int TempoBase = KeyBase + 24;
    public static readonly int BarToken = TempoBase + ConditioningVocabulary.TempoBuckets;
    public static readonly int ChordBase = BarToken + 1;
    public static readonly int ChordTokens = 1 + 12 * Chord.QualityCount; // 0 = none
    public static readonly int PositionBase = ChordBase + ChordTokens;
    public static readonly int NoteBase = PositionBase + PopSong.StepsPerBar;
    public static readonly int DurationBase = NoteBase + PartCount * PitchCount;
    private static readonly int Size0 = DurationBase + Durations.Length;

    public PopBarTokenizer() : base(PartCount, conditioning: null) { }

    public override TokenizerKind Kind => TokenizerKind.PopBars;

    public override int BaseSize => Size0;

    public static int KeyToken(MusicKey key) => KeyBase + key.Index;

    public static int TempoToken(double bpm) => TempoBase + ConditioningVocabulary.TempoBucket(bpm);

    public static int ChordToken(Chord? chord) => ChordBase + (chord is { } c ? 1 + c.Root * Chord.QualityCount + (int)c.Quality : 0);

    public static Chord? ChordOf(int token) =>
        token == ChordBase ? null : new Chord((token - ChordBase - 1) / Chord.QualityCount, (ChordQuality)((token - ChordBase - 1) % Chord.QualityCount));

    public static bool IsChord(int token) => token >= ChordBase && token < PositionBase;

    public static bool IsPosition(int token) => token >= PositionBase && token < NoteBase;

    public static bool IsNote(int token) => token >= NoteBase && token < DurationBase;

    public static bool IsDuration(int token) => token >= DurationBase && token < Size0;

    /// <summary>Not available: pop tokens need a song's beats, chords and key (see <see cref="EncodeSong"/>).</summary>
    public override int[] Encode(MidiPiece piece) =>
        throw new NotSupportedException("pop tokens are made from an annotated song (beats, chords, key); a bare MIDI piece cannot be a primer for them");

    /// <summary>The body tokens of a song. Pitches outside the piano range are moved by octaves into it.</summary>
    public int[] EncodeSong(PopSong song)
    {
        var tokens = new List<int>(song.Notes.Count * 3 + song.BarCount * 6) { KeyToken(song.Key), TempoToken(song.Bpm) };
        var byBar = song.Notes.ToLookup(n => n.Start / PopSong.StepsPerBar);
        for (var bar = 0; bar < song.BarCount; bar++)
        {
            if (bar > 0) tokens.Add(BarToken);
            for (var beat = 0; beat < PopSong.BeatsPerBar; beat++) tokens.Add(ChordToken(song.BeatChords[bar * PopSong.BeatsPerBar + beat]));
            var position = -1;
            foreach (var note in byBar[bar])
            {
                var step = note.Start % PopSong.StepsPerBar;
                if (step != position) tokens.Add(PositionBase + (position = step));
                tokens.Add(NoteToken(note.Part, note.Pitch));
                tokens.Add(DurationBase + NearestDuration(note.Duration));
            }
        }
        return [.. tokens];
    }

    /// <summary>Decodes to a <see cref="PopSong"/>-like list of notes on the grid (key, tempo and chords skipped).</summary>
    public IReadOnlyList<PopNote> DecodeGrid(IEnumerable<int> tokens)
    {
        var notes = new List<PopNote>();
        int bar = 0, position = 0;
        (PopPart Part, int Pitch)? pending = null;
        foreach (var token in tokens)
        {
            if (token == BarToken) { bar++; position = 0; pending = null; }
            else if (IsPosition(token)) { position = token - PositionBase; pending = null; }
            else if (IsNote(token)) pending = ((PopPart)((token - NoteBase) / PitchCount), LowestPitch + (token - NoteBase) % PitchCount);
            else if (IsDuration(token) && pending is { } note)
            {
                notes.Add(new PopNote(note.Part, note.Pitch, bar * PopSong.StepsPerBar + position, Durations[token - DurationBase]));
                pending = null;
            }
        }
        return notes;
    }

    /// <summary>The chord of each beat in the tokens (one list entry per beat, in order).</summary>
    public static IReadOnlyList<Chord?> DecodeChords(IEnumerable<int> tokens) => [.. tokens.Where(IsChord).Select(ChordOf)];

    public override IReadOnlyList<MidiNote> Decode(IEnumerable<int> tokens, double bpm = 120)
    {
        var secondsPerStep = 60.0 / bpm / PopSong.StepsPerBeat;
        return [.. DecodeGrid(tokens).Select(n => NoteAt(n.Pitch, Velocity(n.Part), n.Start * secondsPerStep, (n.Start + n.Duration) * secondsPerStep, (int)n.Part, bpm))
            .OrderBy(n => n.StartSeconds).ThenBy(n => n.Track).ThenBy(n => n.Pitch)];
    }

    /// <summary>A bar lasts four beats; every other token takes no time.</summary>
    public override double SecondsOf(int token, double bpm = 120) => token == BarToken ? PopSong.BeatsPerBar * 60.0 / bpm : 0;

    public override TokenizerSpec ToSpec() => BaseSpec(null);

    /// <summary>Windows cut mid-song reopen with the song's key and tempo (its first two tokens).</summary>
    public override int[][] StatesAt(IReadOnlyList<int> body, IReadOnlyList<int> positions) =>
        [.. positions.Select(p => p >= 2 ? new[] { body[0], body[1] } : [])];

    /// <summary>A generated body starts after the forced key and tempo: with the first bar's chords.</summary>
    public override bool[] InitialBlocked() => new PopGrammar(null).Initial();

    protected override string DescribeOwn(int token) => token switch
    {
        < 24 => $"Key:{MusicKey.FromIndex(token)}",
        _ when token < BarToken => $"Tempo:{token - TempoBase}",
        _ when token == BarToken => "Bar",
        _ when IsChord(token) => $"Chord:{Chord.Format(ChordOf(token))}",
        _ when IsPosition(token) => $"Pos:{token - PositionBase}",
        _ when IsNote(token) => $"{(PopPart)((token - NoteBase) / PitchCount)}:{LowestPitch + (token - NoteBase) % PitchCount}",
        _ => $"Dur:{Durations[token - DurationBase]}",
    };

    public static int NoteToken(PopPart part, int pitch)
    {
        while (pitch < LowestPitch) pitch += 12;
        while (pitch >= LowestPitch + PitchCount) pitch -= 12;
        return NoteBase + (int)part * PitchCount + pitch - LowestPitch;
    }

    public static int NearestDuration(int steps)
    {
        var best = 0;
        for (var i = 1; i < Durations.Length; i++)
            if (Math.Abs(Durations[i] - steps) < Math.Abs(Durations[best] - steps)) best = i;
        return best;
    }

    /// <summary>Fixed loudness per part: the melody on top, the accompaniment under it (POP909 velocities are not modelled).</summary>
    public static int Velocity(PopPart part) => part switch { PopPart.Melody => 96, PopPart.Bridge => 76, _ => 68 };
}
