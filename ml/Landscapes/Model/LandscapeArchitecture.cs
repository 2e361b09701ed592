namespace CreativeGen.Ml.Landscapes.Model;

/// <summary>Which pair of networks a landscape model uses.</summary>
public enum LandscapeArchitecture
{
    /// <summary>Upsample+Conv generator with conditional batch norm; spectrally normalized projection discriminator.</summary>
    Projection = 0,

    /// <summary>The seed's first attempt: a plain conditional DCGAN with transposed convolutions (bench baseline).</summary>
    TransposedDcgan = 1,
}
