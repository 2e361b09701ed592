namespace CreativeGen.Ml.Music.Sampling;

/// <summary>One stream in a generation batch: the tokens it must still be fed, what it wrote, its clock and random source.</summary>
internal sealed class GenerationStream
{
    public GenerationStream(int[] forced, int[] primer, SamplingSettings sampling, StreamRandom random, double bpm, double startSeconds, double endSeconds, int maxTokens, bool[] blocked,
        Tokens.IStreamGrammar? grammar = null)
    {
        Grammar = grammar;
        Blocked = blocked;
        Forced = new Queue<int>(forced);
        Body = [.. primer];
        Sampling = sampling;
        Random = random;
        Bpm = bpm;
        EndSeconds = endSeconds;
        MaxTokens = maxTokens;
        Seconds = startSeconds;
    }

    public Queue<int> Forced { get; }

    /// <summary>The stream's own grammar (e.g. the chords a pop request forces), or null for the tokenizer's.</summary>
    public Tokens.IStreamGrammar? Grammar { get; }

    /// <summary>Tokens the grammar forbids next (e.g. a note-off for a key that does not sound).</summary>
    public bool[] Blocked { get; }

    public List<int> Body { get; }

    public SamplingSettings Sampling { get; }

    public StreamRandom Random { get; }

    public double Bpm { get; }

    public double EndSeconds { get; }

    public int MaxTokens { get; }

    public double Seconds { get; private set; }

    public bool Done { get; private set; }

    public void Accept(int token, double seconds)
    {
        Body.Add(token);
        Seconds += seconds;
        if (Seconds >= EndSeconds || Body.Count >= MaxTokens) Done = true;
    }
}
