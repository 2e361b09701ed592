namespace CreativeGen.Ml.Landscapes;

/// <summary>
/// One landscape to paint. Deterministic: the same model version and request give identical pixels.
/// </summary>
/// <param name="Category">A category the model knows (see <see cref="ILandscapeGenerator.Categories"/>).</param>
/// <param name="Seed">Random seed of the latent vector.</param>
/// <param name="Truncation">Truncation ψ in (0, 1]: lower trades variety for fidelity.</param>
public sealed record LandscapeRequest(string Category, long Seed, double Truncation = 1.0);

/// <summary>A loaded landscape generator. A request's pixels must not depend on the other requests of a call (LandscapeModel runs one image per pass).</summary>
public interface ILandscapeGenerator : IDisposable
{
    string ModelName { get; }

    /// <summary>Changes whenever the weights change (e.g. a hash of the checkpoint).</summary>
    string ModelVersion { get; }

    IReadOnlyList<string> Categories { get; }

    /// <summary>Output width and height in pixels.</summary>
    int Resolution { get; }

    /// <summary>Generates one PNG per request, in order. Invalid requests throw <see cref="ArgumentException"/>.</summary>
    IReadOnlyList<byte[]> GeneratePng(IReadOnlyList<LandscapeRequest> requests, CancellationToken cancellationToken = default);
}
