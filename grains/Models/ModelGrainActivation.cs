using CreativeGen.GrainInterfaces.Content;
using CreativeGen.Grains.Placement;

namespace CreativeGen.Grains.Models;

/// <summary>Checks shared by the model grains when they activate.</summary>
internal static class ModelGrainActivation
{
    /// <summary>Second line of defence behind the placement filter: a silo that is not a model host refuses to load models.</summary>
    public static void EnsureModelHost(ModelHostRole role, SiloAddress silo, string grain)
    {
        if (!role.IsModelHost)
            throw new GenerationRequestException(GenerationErrorKind.Unavailable,
                $"{grain} may only activate on a model-host silo; silo {silo} is not one (silo metadata {ModelHost.MetadataKey}).");
    }
}
