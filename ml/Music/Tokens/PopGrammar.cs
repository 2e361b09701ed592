using CreativeGen.Ml.Music.Pop;

namespace CreativeGen.Ml.Music.Tokens;

/// <summary>A stream's own grammar: which tokens may come next, updated after every drawn token.</summary>
public interface IStreamGrammar
{
    void Update(bool[] blocked, int token);
}

/// <summary>
/// The order of pop bar tokens for one generated stream: four chords after the tempo and after every Bar, then
/// positions that only move forward within the bar, each followed by a note, each note by its duration. With a
/// requested progression (one chord per bar, repeated) every chord token is forced, so the notes that the model
/// writes after them follow those chords; without one the model picks the chords.
/// </summary>
public sealed class PopGrammar(IReadOnlyList<Chord?>? progression) : IStreamGrammar
{
    private int bar;
    private int chordsLeft = PopSong.BeatsPerBar;
    private int position = -1;
    private bool expectNote;
    private bool expectDuration;
    private int notesHere; // notes written at the current position

    /// <summary>
    /// Most notes one position may start (POP909's fullest onsets across the three parts stay below it): without this
    /// cap a model that has not learned to move on could stack notes on one sixteenth until the token budget runs out.
    /// </summary>
    public const int MaxNotesPerPosition = 12;

    /// <summary>Blocked flags for the first drawn token (the first bar's first chord).</summary>
    public bool[] Initial()
    {
        var blocked = new bool[PopBarTokenizer.DurationBase + PopBarTokenizer.Durations.Length];
        Fill(blocked);
        return blocked;
    }

    public void Update(bool[] blocked, int token)
    {
        if (token == PopBarTokenizer.BarToken) { bar++; chordsLeft = PopSong.BeatsPerBar; position = -1; expectNote = false; }
        else if (PopBarTokenizer.IsChord(token)) chordsLeft--;
        else if (PopBarTokenizer.IsPosition(token)) { position = token - PopBarTokenizer.PositionBase; expectNote = true; notesHere = 0; }
        else if (PopBarTokenizer.IsNote(token)) { expectNote = false; expectDuration = true; notesHere++; }
        else if (PopBarTokenizer.IsDuration(token)) expectDuration = false;
        Fill(blocked);
    }

    public static bool[] Allowing(Func<int, bool> allowed)
    {
        var blocked = new bool[PopBarTokenizer.DurationBase + PopBarTokenizer.Durations.Length];
        for (var t = 0; t < blocked.Length; t++) blocked[t] = !allowed(t);
        return blocked;
    }

    private void Fill(bool[] blocked)
    {
        if (chordsLeft > 0)
        {
            var forced = progression is { Count: > 0 } ? PopBarTokenizer.ChordToken(progression[bar % progression.Count]) : -1;
            for (var t = 0; t < blocked.Length; t++) blocked[t] = forced >= 0 ? t != forced : !PopBarTokenizer.IsChord(t);
            return;
        }
        for (var t = 0; t < blocked.Length; t++)
        {
            bool allowed;
            if (expectDuration) allowed = PopBarTokenizer.IsDuration(t);
            else if (expectNote) allowed = PopBarTokenizer.IsNote(t);
            else allowed = t == PopBarTokenizer.BarToken
                || (PopBarTokenizer.IsPosition(t) && t - PopBarTokenizer.PositionBase > position)
                || (position >= 0 && notesHere < MaxNotesPerPosition && PopBarTokenizer.IsNote(t));
            blocked[t] = !allowed;
        }
    }
}
