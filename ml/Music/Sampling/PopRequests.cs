using CreativeGen.Ml.Music.Midi;
using CreativeGen.Ml.Music.Pop;
using CreativeGen.Ml.Music.Tokens;

namespace CreativeGen.Ml.Music.Sampling;

/// <summary>
/// What a music request means for a pop model: the key (parsed, or drawn from the seed), the forced tempo and chord
/// progression, and the GM program of each part. Bad values raise <see cref="ArgumentException"/> naming the field.
/// </summary>
public static class PopRequests
{
    public const double DefaultBpm = 96;

    /// <summary>The default arrangement: a flute sings the melody, strings take the bridge, a piano accompanies.</summary>
    public static readonly IReadOnlyList<string> DefaultInstruments = ["flute", "strings", "piano"];

    /// <summary>One GM program per output track of the tokenizer.</summary>
    public static int[] Programs(IReadOnlyList<string>? instruments, MusicTokenizer tokenizer)
    {
        var tracks = tokenizer.TrackCount;
        if (instruments is { } named && (named.Count == 0 || named.Count > tracks))
            throw new ArgumentException($"instruments: this model writes {tracks} track{(tracks == 1 ? "" : "s")} ({(tokenizer is PopBarTokenizer ? "melody, bridge, accompaniment" : "piano")}); name 1 to {tracks} instruments (got {named.Count})");
        var defaults = tokenizer is PopBarTokenizer ? DefaultInstruments : [.. Enumerable.Repeat("piano", tracks)];
        var programs = new int[tracks];
        for (var t = 0; t < tracks; t++)
        {
            var name = instruments is { } list && t < list.Count ? list[t] : defaults[t];
            if (!GmInstruments.TryResolve(name, out programs[t], out var problem)) throw new ArgumentException($"instruments: {problem}");
        }
        return programs;
    }

    /// <summary>The key of a request: parsed, or drawn from the stream's random source when none is named.</summary>
    public static MusicKey Key(string? key, StreamRandom random)
    {
        if (key is null) return MusicKey.FromIndex(random.Next(24));
        return MusicKey.TryParse(key, out var parsed, out var problem) ? parsed : throw new ArgumentException($"key: {problem}");
    }

    /// <summary>A chord progression (one chord per bar), or null for none.</summary>
    public static IReadOnlyList<Chord?>? Progression(IReadOnlyList<string>? chords)
    {
        if (chords is null) return null;
        if (chords.Count is 0 or > 64) throw new ArgumentException($"chords: name 1 to 64 chords, one per bar (got {chords.Count})");
        var progression = new List<Chord?>();
        foreach (var label in chords)
        {
            if (!Chord.TryParse(label ?? "", out var chord, out var problem)) throw new ArgumentException($"chords: {problem}");
            progression.Add(chord);
        }
        return progression;
    }

    internal static GenerationStream Prepare(MusicRequest request, SamplingSettings sampling, StreamRandom random)
    {
        var key = Key(request.Key, random);
        var progression = Progression(request.Chords);
        var bpm = request.TempoBpm ?? DefaultBpm;
        var grammar = new PopGrammar(progression);
        // Key and tempo are forced after the start token; the grammar then forces (or lets the model pick) each bar's chords.
        int[] forced = [new PopBarTokenizer().StartToken, PopBarTokenizer.KeyToken(key), PopBarTokenizer.TempoToken(bpm)];
        var maxTokens = (int)Math.Ceiling(request.LengthSeconds * 100) + 16;
        return new GenerationStream(forced, [], sampling, random, bpm, 0, request.LengthSeconds, maxTokens, grammar.Initial(), grammar);
    }
}
