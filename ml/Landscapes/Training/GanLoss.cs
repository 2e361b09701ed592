namespace CreativeGen.Ml.Landscapes.Training;

public enum GanLoss
{
    /// <summary>D: relu(1 - D(real)) + relu(1 + D(fake)); G: -D(fake) (Lim and Ye 2017, as in SN-GAN).</summary>
    Hinge = 0,

    /// <summary>Binary cross-entropy for D, non-saturating -log D(fake) for G (Goodfellow et al. 2014, the DCGAN recipe).</summary>
    NonSaturating = 1,
}
