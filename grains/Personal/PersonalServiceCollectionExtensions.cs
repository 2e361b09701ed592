using Microsoft.Extensions.DependencyInjection;

namespace CreativeGen.Grains.Personal;

public static class PersonalServiceCollectionExtensions
{
    /// <summary>Enables users' personal landscape models (photos, fine-tunes, serving) with these folders and limits.</summary>
    public static IServiceCollection AddPersonalLandscapes(this IServiceCollection services, PersonalLandscapeSettings settings) =>
        services.AddSingleton(new PersonalModelStore(settings));
}
