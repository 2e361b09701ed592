using System.Text.Json;
using CreativeGen.Cluster.Tests.Storage;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Grains.Hosting;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Training;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace CreativeGen.Cluster.Tests.Training;

/// <summary>
/// A training whose model-host silo dies mid-run comes back by itself: the coordinator's reminder (ADO.NET reminders
/// and state in PostgreSQL) fires on a surviving silo, the coordinator activates on the other model host and
/// continues from the run folder's last finished epoch. Nobody calls the coordinator between the kill and the end.
/// </summary>
public sealed class TrainingResumeTests(ITestOutputHelper output)
{
    private const string ModelName = "music-piano";
    private const int Epochs = 3;

    [SkippableFact]
    public async Task InterruptedTraining_ResumesFromItsLastEpochOnTheOtherModelHost_WithoutAClientCall()
    {
        var connectionString = PostgresDatabase.RequireConnectionString();
        await PostgresSchema.ApplyAsync(connectionString);
        using var folder = TestSupport.TempDirectory();
        var archive = Path.Combine(folder.Path, "archive");
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((silo, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions
            {
                Storage = StorageMode.AdoNet,
                ConnectionString = connectionString,
                ModelHost = silo.SiloName != "Silo_0", // the first silo keeps the test cluster's membership: it is never killed
                TrainingResumeSeconds = 2,
                Batching = { MaxBatchSize = 4 },
            });
            orleans.Services.AddMusicModel(ModelName, () => Load(DefaultModels.MusicPath), _ => null, archive);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var coordinator = cluster.Client.GetGrain<ITrainingCoordinatorGrain>(ModelName);
        var run = Path.Combine(folder.Path, "run");

        await coordinator.StartAsync(Job(run));
        await WaitUntilAsync(async () => (await coordinator.GetStatusAsync()).Epoch >= 1, "the first epoch");
        var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(coordinator);
        var before = MusicCheckpoint.ReadHeader(Path.Combine(run, MusicTrainer.LastFileName)).State.History;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        // From here on only the run folder is watched: the coordinator must come back by itself.
        await WaitUntilAsync(() => Task.FromResult(LastEpoch(run) == Epochs), $"epoch {Epochs} in the run folder");
        var history = MusicCheckpoint.ReadHeader(Path.Combine(run, MusicTrainer.LastFileName)).State.History;
        var status = await WaitForEndAsync(coordinator);
        var survivor = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(coordinator);

        Assert.True(before.Count < Epochs, $"the run ended before the kill ({before.Count} epochs)");
        Assert.True(status.Phase == TrainingPhase.Finished, $"{status.Phase}: {status.Message}");
        Assert.Equal(Epochs, status.Epoch);
        Assert.Equal(1, status.Resumes);
        Assert.Equal(Enumerable.Range(1, Epochs), history.Select(e => e.Epoch));
        // The epochs finished before the kill are kept as they were (their own timings): continued, not started afresh.
        Assert.NotEmpty(before);
        Assert.Equal(before, history.Take(before.Count));
        output.WriteLine($"killed after {before.Count} epochs; epoch seconds: {string.Join(", ", history.Select(e => e.WallSeconds.ToString("F1")))}");
        Assert.NotNull(survivor);
        Assert.NotEqual(host, survivor);
        Assert.NotEqual("Silo_0", cluster.Silos.Single(s => s.SiloAddress.Equals(survivor)).Name);
        Assert.Equal(0, await CountRemindersAsync(connectionString, cluster.Options.ServiceId)); // the ended run's reminder is gone
    }

    private static async Task<long> CountRemindersAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_reminders WHERE service_id = $1", connection)
        {
            Parameters = { new() { Value = serviceId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static MusicTrainingJob Job(string runFolder)
    {
        var music = CreativeGen.Ml.Tests.TestData.Fixture("music", "piano-midi"); // the shipped real pieces: 4 train, 2 val
        var tiny = TrainingOptions.PianoSmall with
        {
            EmbeddingSize = 16, HiddenSize = 32, Layers = 2, SequenceLength = 48, BatchSize = 8, WindowsPerEpoch = 24, Seed = 3, Patience = 100,
        };
        return new MusicTrainingJob(Path.Combine(music, "train"), Path.Combine(music, "val"), runFolder, Epochs,
            MaxTrainFiles: 4, MaxValidationFiles: 2, OptionsJson: JsonSerializer.Serialize(tiny, MusicCheckpoint.Json));
    }

    private static int LastEpoch(string runFolder)
    {
        try
        {
            return MusicCheckpoint.ReadHeader(Path.Combine(runFolder, MusicTrainer.LastFileName)).State.Epoch;
        }
        catch (Exception error) when (error is IOException or InvalidDataException)
        {
            return -1; // being replaced right now
        }
    }

    private static async Task<TrainingStatus> WaitForEndAsync(ITrainingCoordinatorGrain coordinator)
    {
        TrainingStatus status = null!;
        await WaitUntilAsync(async () => (status = await coordinator.GetStatusAsync()).Phase != TrainingPhase.Running, "the run's end");
        return status;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 3 minutes for {what}");
            await Task.Delay(200);
        }
    }

    private static IMusicGenerator Load(string path)
    {
        TorchRuntime.Initialize();
        return MusicModelLoader.Load(path);
    }
}
