#pragma warning disable ORLEANSEXP004 // placement filtering is marked experimental in Orleans 10
using System.Net;
using CreativeGen.Grains.Placement;
using CreativeGen.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Placement;
using Orleans.Storage;

namespace CreativeGen.Grains.Hosting;

/// <summary>Configures a silo for CreativeGen from <see cref="CreativeGenSiloOptions"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Everything: clustering and endpoints, then <see cref="AddCreativeGenGrains"/>.</summary>
    public static ISiloBuilder AddCreativeGen(this ISiloBuilder silo, CreativeGenSiloOptions options)
    {
        options.Validate();
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        if (options.Clustering == ClusteringMode.Localhost)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString));
            if (options.AdvertisedAddress is { } address)
                silo.ConfigureEndpoints(IPAddress.Parse(address), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        silo.UseClusterTls(options.Tls);
        return silo.AddCreativeGenGrains(options);
    }

    /// <summary>Storage, silo metadata and model placement, batching, models' defaults and timeouts; no clustering (test clusters bring their own).</summary>
    public static ISiloBuilder AddCreativeGenGrains(this ISiloBuilder silo, CreativeGenSiloOptions options)
    {
        options.Validate();
        switch (options.Storage)
        {
            case StorageMode.AdoNet:
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresSchema.Invariant, options.ConnectionString));
                break;
            case StorageMode.Memory:
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
                break;
            default:
                var fileOptions = new FileGrainStorageOptions { RootDirectory = Path.GetFullPath(options.StateDirectory) };
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, (services, _) =>
                    new FileGrainStorage(StorageNames.Default, fileOptions, services.GetRequiredService<IGrainStorageSerializer>()));
                silo.UseInMemoryReminderService(); // one embedded silo: a coordinator still Running resumes when it next activates
                break;
        }
        // Reminders bring a training coordinator back after its silo dies (see TrainingCoordinatorGrain).
        var resumePeriod = TimeSpan.FromSeconds(options.TrainingResumeSeconds);
        silo.Services.AddSingleton(new Training.TrainingResumeSettings(resumePeriod));
        silo.Configure<ReminderOptions>(r => r.MinimumReminderPeriod = resumePeriod < r.MinimumReminderPeriod ? resumePeriod : r.MinimumReminderPeriod);
        if (options.UsesPostgres && options.ApplySchemaOnStart)
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new PostgresSchemaInstaller(options.ConnectionString!));

        silo.UseSiloMetadata(ModelHost.Metadata(options.ModelHost));
        silo.Services.AddPlacementFilter<ModelHostPlacementFilterStrategy, ModelHostPlacementFilterDirector>(ServiceLifetime.Transient);
        silo.Services.AddSingleton(new ModelHostRole(options.ModelHost));
        silo.Services.AddOptions<Batching.BatchingOptions>().Configure(b => options.Batching.CopyTo(b));
        if (options.Models.Replicas is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(options), options.Models.Replicas, "Models:Replicas must be within 1..64.");
        silo.Services.AddOptions<DefaultModelNames>().Configure(m => (m.Music, m.Landscape, m.Replicas) = (options.Models.Music, options.Models.Landscape, options.Models.Replicas));
        silo.Configure<SiloMessagingOptions>(m => m.ResponseTimeout = TimeSpan.FromSeconds(options.ResponseTimeoutSeconds));
        silo.Services.AddLogging(logging => logging.AddFilter(WatchdogCategory, LogLevel.Error));
        return silo;
    }

    /// <summary>
    /// Orleans' watchdog warns at nearly every start that its "participant check thread has not completed" for
    /// the machine's uptime: Watchdog.Start starts the platform thread before it stamps the component check's start
    /// time, so the first check measures from the Stopwatch epoch (Orleans 10.x). Its stall warnings are kept at
    /// Error and above; stalls still reach the silo's health score (LocalSiloHealthMonitor), and Orleans' other
    /// warnings (e.g. long grain turns, Orleans.Runtime.Scheduler) are untouched.
    /// </summary>
    public const string WatchdogCategory = "Orleans.Runtime.Watchdog";
}
