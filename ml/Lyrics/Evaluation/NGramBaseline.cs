namespace CreativeGen.Ml.Lyrics.Evaluation;

/// <summary>
/// An interpolated Kneser-Ney trigram model over the same token streams the LSTM sees (reversed lines, the same
/// vocabulary, unknown words as one token), as the baseline for validation perplexity.
/// </summary>
public sealed class NGramBaseline
{
    private const double Discount = 0.75;
    private readonly int vocabulary;
    private readonly Dictionary<(long, long, long), int> trigrams = [];
    private readonly Dictionary<(long, long), int> bigramContexts = [];  // c(u, v, ·)
    private readonly Dictionary<(long, long), int> bigramTypesAfter = [];  // N1+(u, v, ·)
    private readonly Dictionary<(long, long), int> continuationBigrams = [];  // N1+(·, v, w)
    private readonly Dictionary<long, int> continuationContexts = [];  // N1+(·, v, ·)
    private readonly Dictionary<long, int> continuationTypesAfter = [];  // N1+(v, ·) among continuation bigrams
    private readonly Dictionary<long, int> continuationUnigrams = [];  // N1+(·, w)
    private int bigramTypes;

    public NGramBaseline(long[] stream, int vocabularySize)
    {
        vocabulary = vocabularySize;
        for (var i = 2; i < stream.Length; i++)
        {
            var key = (stream[i - 2], stream[i - 1], stream[i]);
            var seen = trigrams.GetValueOrDefault(key);
            trigrams[key] = seen + 1;
            Add(bigramContexts, (stream[i - 2], stream[i - 1]));
            if (seen == 0)
            {
                Add(bigramTypesAfter, (stream[i - 2], stream[i - 1]));
                if (Add(continuationBigrams, (stream[i - 1], stream[i])) == 1)
                {
                    Add(continuationTypesAfter, stream[i - 1]);
                    Add(continuationUnigrams, stream[i]);
                    bigramTypes++;
                }
                Add(continuationContexts, stream[i - 1]);
            }
        }
    }

    /// <summary>Mean negative log-likelihood (nats per token) of every token after the first two.</summary>
    public double CrossEntropy(long[] stream)
    {
        var sum = 0.0;
        for (var i = 2; i < stream.Length; i++) sum -= Math.Log(Probability(stream[i - 2], stream[i - 1], stream[i]));
        return sum / Math.Max(1, stream.Length - 2);
    }

    public double Probability(long u, long v, long w)
    {
        var unigram = (continuationUnigrams.GetValueOrDefault(w) + 1.0) / (bigramTypes + vocabulary);  // add-one keeps unseen words possible
        var bigram = unigram;
        if (continuationContexts.GetValueOrDefault(v) is > 0 and var contexts)
            bigram = Math.Max(continuationBigrams.GetValueOrDefault((v, w)) - Discount, 0) / contexts
                     + Discount * continuationTypesAfter.GetValueOrDefault(v) / contexts * unigram;
        if (bigramContexts.GetValueOrDefault((u, v)) is > 0 and var count)
            return Math.Max(trigrams.GetValueOrDefault((u, v, w)) - Discount, 0) / count
                   + Discount * bigramTypesAfter.GetValueOrDefault((u, v)) / count * bigram;
        return bigram;
    }

    private static int Add<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;
}
