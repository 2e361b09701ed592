namespace CreativeGen.Ml.Personalization;

/// <summary>How strongly ratings steer latents, and how much exploration is kept.</summary>
/// <param name="Candidates">Seeds considered per picture; one is kept (more candidates follow the taste more closely).</param>
/// <param name="Exploration">Share of pictures drawn plainly whatever the taste, so a user can still discover what they did not know they liked.</param>
/// <param name="MaxPull">Largest length of μ: with 3, the picture's latent leans at most about three standard deviations toward the taste.</param>
/// <param name="PriorRatings">Neutral ratings μ starts with, so one rating moves it little.</param>
public sealed record LatentTasteOptions(int Candidates = 256, double Exploration = 0.15, double MaxPull = 3.0, double PriorRatings = 4)
{
    public static LatentTasteOptions Default { get; } = new();

    public int Candidates { get; } = Candidates is >= 1 and <= 4096 ? Candidates
        : throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "Candidates must be in [1, 4096].");

    public double Exploration { get; } = Exploration is >= 0 and <= 1 ? Exploration
        : throw new ArgumentOutOfRangeException(nameof(Exploration), Exploration, "Exploration must be in [0, 1].");

    public double MaxPull { get; } = MaxPull is >= 0 and <= 10 ? MaxPull
        : throw new ArgumentOutOfRangeException(nameof(MaxPull), MaxPull, "MaxPull must be in [0, 10].");

    public double PriorRatings { get; } = PriorRatings is > 0 and <= 1000 ? PriorRatings
        : throw new ArgumentOutOfRangeException(nameof(PriorRatings), PriorRatings, "PriorRatings must be in (0, 1000].");
}
