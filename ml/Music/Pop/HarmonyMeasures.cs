namespace CreativeGen.Ml.Music.Pop;

/// <summary>
/// What the notes of a song on its beat grid play: per-beat pitch-class weights, the major or minor triad that fits a
/// beat best, and whether that agrees with a requested chord (root and, for chords with a third, major/minor).
/// </summary>
public static class HarmonyMeasures
{
    /// <summary>Sounding sixteenths per pitch class within beat <paramref name="beat"/>, and the lowest sounding pitch class.</summary>
    public static (double[] Weights, int Bass) BeatWeights(IReadOnlyList<PopNote> notes, int beat)
    {
        var weights = new double[12];
        var (from, to) = (beat * PopSong.StepsPerBeat, (beat + 1) * PopSong.StepsPerBeat);
        var lowest = int.MaxValue;
        foreach (var note in notes)
        {
            var overlap = Math.Min(to, note.Start + note.Duration) - Math.Max(from, note.Start);
            if (overlap <= 0) continue;
            weights[Harmony.Mod12(note.Pitch)] += overlap;
            lowest = Math.Min(lowest, note.Pitch);
        }
        return (weights, lowest == int.MaxValue ? -1 : Harmony.Mod12(lowest));
    }

    /// <summary>The major or minor triad whose tones sound longest in the beat (the bass breaks ties), or null in silence.</summary>
    public static Chord? BestTriad(double[] weights, int bass)
    {
        if (weights.Sum() <= 0) return null;
        Chord? best = null;
        var bestScore = double.NegativeInfinity;
        for (var root = 0; root < 12; root++)
            foreach (var quality in new[] { ChordQuality.Major, ChordQuality.Minor })
            {
                var chord = new Chord(root, quality);
                var score = chord.PitchClasses.Sum(pc => weights[pc]) + (root == bass ? 0.25 * weights[bass] : 0);
                if (score > bestScore) { bestScore = score; best = chord; }
            }
        return best;
    }

    /// <summary>
    /// Whether the triad played agrees with the requested chord: same root, and the same third where the request has
    /// one (major, dominant and major sevenths count as major; minor and minor sevenths as minor; sus, dim and aug by root).
    /// </summary>
    public static bool Agrees(Chord requested, Chord? played)
    {
        if (played is not { } p || p.Root != requested.Root) return false;
        return requested.Quality switch
        {
            ChordQuality.Major or ChordQuality.Dominant7 or ChordQuality.Major7 => p.Quality == ChordQuality.Major,
            ChordQuality.Minor or ChordQuality.Minor7 => p.Quality == ChordQuality.Minor,
            _ => true,
        };
    }

    /// <summary>Beats whose played harmony agrees with the chord asked for (beats asking for no chord are not counted; silent beats count as misses).</summary>
    public static (int Agreeing, int Counted) ChordAgreement(IReadOnlyList<PopNote> notes, IReadOnlyList<Chord?> beatChords)
    {
        var byBeat = notes.ToLookup(n => n.Start / PopSong.StepsPerBeat);
        int agreeing = 0, counted = 0;
        for (var beat = 0; beat < beatChords.Count; beat++)
        {
            if (beatChords[beat] is not { } requested) continue;
            // Notes that start up to 16 beats earlier may still sound (the longest duration token is 16 beats).
            var near = Enumerable.Range(Math.Max(0, beat - 16), Math.Min(beat, 16) + 1).SelectMany(b => byBeat[b]).ToList();
            var (weights, bass) = BeatWeights(near, beat);
            counted++;
            if (Agrees(requested, BestTriad(weights, bass))) agreeing++;
        }
        return (agreeing, counted);
    }

    /// <summary>The Krumhansl–Schmuckler key of grid notes (duration-weighted).</summary>
    public static MusicKey? Key(IEnumerable<PopNote> notes)
    {
        var histogram = new double[12];
        foreach (var note in notes) histogram[Harmony.Mod12(note.Pitch)] += note.Duration;
        return KeyFinder.Detect(histogram);
    }
}
