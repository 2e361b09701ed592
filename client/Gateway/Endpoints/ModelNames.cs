using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Personal;

namespace CreativeGen.Client.Gateway.Endpoints;

/// <summary>
/// The models a request may name: the cluster's models (CreativeGen:Models, the same section the silos read), spelled
/// exactly. Anything else is a 400 naming <c>model</c> before any grain is asked, so a variant of a name never reaches
/// a model grain (the user grain and the model grains check again: <c>UserGrain</c>, <c>ModelKey.RequireCanonical</c>).
/// </summary>
public sealed class ModelNames(DefaultModelNames models)
{
    public void RequireMusic(string? requested)
    {
        if (requested is not null && string.Equals(requested, models.Pop, StringComparison.Ordinal)) return;
        Require(requested, $"{models.Music}, {models.Pop}", "music");
    }

    /// <summary>The cluster's landscape model, or "personal": the requesting user's own fine-tuned model.</summary>
    public void RequireLandscape(string? requested)
    {
        if (requested == PersonalModelStore.RequestName) return;
        Require(requested, models.Landscape, "landscape");
    }

    private static void Require(string? requested, string known, string kind)
    {
        if (requested is null || known.Split(", ").Contains(requested, StringComparer.Ordinal)) return;
        var shown = requested.Length <= 64 ? requested : requested[..64] + "…";
        throw GenerationRequestException.Invalid("model", $"Unknown {kind} model '{shown}'. Known: {known} (names are case-sensitive).");
    }
}
