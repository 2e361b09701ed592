using CreativeGen.Ml.Landscapes.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace CreativeGen.Ml.Landscapes.Personal;

/// <summary>
/// Moves base weights into the one-category personal networks and freezes their early layers.
/// Design: a personal model is the base architecture with a single category slot, "personal". Every weight that does
/// not depend on the number of categories is copied; the category tables (the generator's embedding row, the
/// discriminator's projection row) start from the base category whose images are nearest the user's photos. The
/// result is an ordinary landscape checkpoint, so loading, serving, versions and recipes need nothing new.
/// </summary>
public static class PersonalNetworks
{
    /// <summary>Copies <paramref name="source"/>'s state into <paramref name="target"/>; tensors with one row per category take row <paramref name="category"/>.</summary>
    public static void Transplant(nn.Module source, nn.Module target, int category)
    {
        using var noGrad = torch.no_grad();
        var from = source.state_dict();
        foreach (var (name, tensor) in target.state_dict())
        {
            if (!from.TryGetValue(name, out var original))
                throw new InvalidDataException($"The base network has no '{name}': it is not the architecture of the personal model.");
            if (original.shape.SequenceEqual(tensor.shape))
            {
                tensor.copy_(original);
                continue;
            }
            var perCategory = tensor.dim() == original.dim() && tensor.shape[0] == 1 && original.shape.Skip(1).SequenceEqual(tensor.shape.Skip(1));
            if (!perCategory || category >= original.shape[0])
                throw new InvalidDataException($"'{name}' is {Shape(original)} in the base network and {Shape(tensor)} in the personal one.");
            var row = original.narrow(0, category, 1);
            // A spectral-norm singular vector over one row is a unit vector of length 1: keep its sign only.
            tensor.copy_(name.EndsWith(".u", StringComparison.Ordinal) ? row.sign().where(row.ne(0), torch.ones_like(row)) : row);
        }
    }

    /// <summary>Freezes the generator's 4x4 projection and the convolutions of its first <paramref name="blocks"/> upsampling blocks (none when 0).</summary>
    public static int FreezeGenerator(nn.Module generator, int blocks)
    {
        if (blocks == 0) return 0;
        var prefixes = new List<string> { "projection." };
        prefixes.AddRange(Enumerable.Range(0, blocks).Select(b => $"blocks.{b}.conv."));
        return Freeze(generator, prefixes, "generator");
    }

    /// <summary>FreezeD: the first <paramref name="stages"/> strided convolutions of the discriminator.</summary>
    public static int FreezeDiscriminator(nn.Module discriminator, int stages) =>
        stages == 0 ? 0 : Freeze(discriminator, Enumerable.Range(0, stages).Select(s => $"body.conv{s}.").ToList(), "discriminator");

    /// <summary>Marks every parameter under the prefixes frozen; each prefix must match, so a renamed layer fails loudly instead of silently training.</summary>
    private static int Freeze(nn.Module module, IReadOnlyList<string> prefixes, string what)
    {
        var parameters = module.named_parameters().ToList();
        var frozen = 0;
        foreach (var prefix in prefixes)
        {
            var matching = parameters.Where(p => p.name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (matching.Count == 0)
                throw new ArgumentException($"The {what} has no layer '{prefix.TrimEnd('.')}' to freeze (it has {string.Join(", ", parameters.Select(p => p.name.Split('.')[0]).Distinct())}).");
            foreach (var (_, parameter) in matching)
            {
                parameter.requires_grad = false;
                frozen += (int)parameter.numel();
            }
        }
        return frozen;
    }

    private static string Shape(Tensor tensor) => $"({string.Join(", ", tensor.shape)})";
}
