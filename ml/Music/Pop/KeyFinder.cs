using CreativeGen.Ml.Music.Midi;

namespace CreativeGen.Ml.Music.Pop;

/// <summary>
/// Krumhansl–Schmuckler key finding: the duration-weighted pitch-class histogram of the notes is correlated with
/// the Krumhansl–Kessler major and minor profiles rotated to each tonic; the best correlation names the key.
/// </summary>
public static class KeyFinder
{
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>The most likely key of the notes (durations in seconds weight them), or null when there are none.</summary>
    public static MusicKey? Detect(IEnumerable<MidiNote> notes)
    {
        var histogram = new double[12];
        foreach (var note in notes) histogram[Harmony.Mod12(note.Pitch)] += Math.Max(0, note.EndSeconds - note.StartSeconds);
        return Detect(histogram);
    }

    public static MusicKey? Detect(double[] histogram)
    {
        if (histogram.Length != 12) throw new ArgumentException("a pitch-class histogram has 12 bins", nameof(histogram));
        if (histogram.Sum() <= 0) return null;
        MusicKey best = default;
        var bestScore = double.NegativeInfinity;
        for (var index = 0; index < 24; index++)
        {
            var key = MusicKey.FromIndex(index);
            var profile = key.Minor ? MinorProfile : MajorProfile;
            var score = Correlation(histogram, pc => profile[Harmony.Mod12(pc - key.Tonic)]);
            if (score > bestScore) { bestScore = score; best = key; }
        }
        return best;
    }

    private static double Correlation(double[] x, Func<int, double> y)
    {
        double mx = x.Average(), my = 0;
        for (var i = 0; i < 12; i++) my += y(i);
        my /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var dx = x[i] - mx;
            var dy = y(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
