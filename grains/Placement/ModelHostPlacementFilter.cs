#pragma warning disable ORLEANSEXP004 // placement filtering is marked experimental in Orleans 10
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using Orleans.Runtime.Placement.Filtering;

namespace CreativeGen.Grains.Placement;

/// <summary>Restricts a grain class to silos whose metadata marks them as model hosts (see <see cref="ModelHost"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelHostPlacementFilterAttribute() : PlacementFilterAttribute(new ModelHostPlacementFilterStrategy());

/// <summary>The placement filter strategy recorded in the grain's properties; it carries no settings.</summary>
public sealed class ModelHostPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);

/// <summary>
/// Keeps only silos marked as model hosts. With none in the cluster, nothing is left and the activation
/// fails instead of landing on a silo that should not load models.
/// </summary>
public sealed class ModelHostPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos) =>
        silos.Where(silo => ModelHost.IsMarked(metadata.GetSiloMetadata(silo).Metadata));
}
