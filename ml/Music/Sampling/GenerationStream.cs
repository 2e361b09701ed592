namespace CreativeGen.Ml.Music.Sampling;

/// <summary>One stream in a generation batch: the tokens it must still be fed, what it wrote, its clock and random source.</summary>
internal sealed class GenerationStream
{
    public GenerationStream(int[] forced, int[] primer, SamplingSettings sampling, StreamRandom random, double bpm, double startSeconds, double endSeconds, int maxTokens)
    {
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
