namespace CreativeGen.Ml.Common;

/// <summary>An index drawn with probability proportional to its weight, from one uniform number the caller draws from its own seeded generator.</summary>
public static class WeightedChoice
{
    /// <param name="weights">Non-negative weights, not all zero.</param>
    /// <param name="uniform">A number in [0, 1).</param>
    public static int Index(double[] weights, double uniform)
    {
        var target = uniform * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Length - 1; // rounding left a sliver past the last weight
    }
}
