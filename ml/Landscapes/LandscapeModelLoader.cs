using System.Security.Cryptography;
using CreativeGen.Ml.Landscapes.Model;
using CreativeGen.Ml.Landscapes.Sampling;
using CreativeGen.Ml.Landscapes.Training;
using TorchSharp;

namespace CreativeGen.Ml.Landscapes;

/// <summary>Loads a landscape checkpoint (a model file, or a training checkpoint's EMA generator) for generation.</summary>
public static class LandscapeModelLoader
{
    /// <summary>
    /// The generator in <paramref name="checkpointPath"/>. Its version is a short hash of the file. Throws
    /// <see cref="FileNotFoundException"/> for a missing file and <see cref="InvalidDataException"/> for a corrupt one.
    /// </summary>
    public static ILandscapeGenerator Load(string checkpointPath) => LoadModel(checkpointPath);

    /// <summary>As <see cref="Load"/>, with the concrete type (interpolation, raw pixels, the network).</summary>
    public static LandscapeModel LoadModel(string checkpointPath)
    {
        CreativeGen.Ml.Common.TorchRuntime.Initialize();
        var (header, _, reader) = LandscapeCheckpoint.Open(checkpointPath);
        using (reader)
        {
            LandscapeModelOptions options;
            try { options = header.ToModelOptions(); }
            catch (ArgumentException error) { throw new InvalidDataException($"{checkpointPath}: invalid model options in the header ({error.Message}).", error); }
            LandscapeGeneratorNetwork network;
            using (var placeholder = new torch.Generator(0)) network = LandscapeNetworks.CreateGenerator(options, placeholder); // the checkpoint overwrites every weight
            try
            {
                LandscapeCheckpoint.LoadInto(network, reader, checkpointPath, "EMA generator");
            }
            catch
            {
                network.Dispose();
                throw;
            }
            return new LandscapeModel(network, Path.GetFileNameWithoutExtension(checkpointPath), Version(checkpointPath), header.Step, header.TrainingCpuSeconds);
        }
    }

    /// <summary>
    /// Bump whenever the same weights and request would give other pixels. Revision 1 (the bare checkpoint hash): one
    /// batched pass, oneDNN's own kernel choice. Revision 2: one image per pass, oneDNN capped at SSE4.1, so recipes of
    /// revision 1 answer 410 Gone rather than regenerate with other last bits. Revision 3: latents from SplitMix64 +
    /// Box-Muller instead of torch.randn, images from ExactGenerator's fixed-order arithmetic (the same on any CPU).
    /// </summary>
    public const string RenderingRevision = "r3";

    /// <summary>The version id of a checkpoint with this renderer: "&lt;checkpoint hash&gt;.&lt;rendering revision&gt;".</summary>
    private static string Version(string path)
    {
        using var stream = File.OpenRead(path);
        return $"{Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}.{RenderingRevision}";
    }
}
