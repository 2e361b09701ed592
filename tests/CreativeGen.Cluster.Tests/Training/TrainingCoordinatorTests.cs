using System.Collections.Concurrent;
using System.Text.Json;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using CreativeGen.GrainInterfaces.Training;
using CreativeGen.Grains.Hosting;
using CreativeGen.Grains.Training;
using CreativeGen.Ml.Common;
using CreativeGen.Ml.Music;
using CreativeGen.Ml.Music.Training;
using Orleans.TestingHost;

namespace CreativeGen.Cluster.Tests.Training;

/// <summary>
/// A real (tiny) training run behind the shipped music model: each improved epoch is published to the archive and
/// hot-swapped in while clients keep generating.
/// </summary>
public sealed class TrainingCoordinatorTests : IAsyncLifetime
{
    private const string ModelName = "music-piano";
    private readonly TempDirectory folder = TestSupport.TempDirectory();
    private InProcessTestCluster cluster = null!;

    private string Archive => Path.Combine(folder.Path, "archive");

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, orleans) =>
        {
            orleans.AddCreativeGenGrains(new CreativeGenSiloOptions { Storage = StorageMode.Memory, ModelHost = true, Batching = { MaxBatchSize = 4 } });
            orleans.Services.AddMusicModel(ModelName,
                () => Load(DefaultModels.MusicPath),
                version => Path.Combine(Archive, version.Split('.')[0] + ".ckpt") is var path && File.Exists(path) ? Load(path) : null,
                Archive);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task ImprovedEpochs_AreHotSwappedIn_WhileClientsKeepGenerating()
    {
        var model = cluster.Client.GetGrain<IMusicModelGrain>(ModelName);
        var coordinator = cluster.Client.GetGrain<ITrainingCoordinatorGrain>(ModelName);
        var shipped = (await model.DescribeAsync()).Version;
        var seen = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 3).Select(client => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    seen.Enqueue((await model.GenerateAsync(new MusicParameters(null, 1, 1.0, null, null, null), seed: client * 10_000 + i)).ModelVersion);
                }
                catch (Exception error)
                {
                    failures.Enqueue(error);
                }
            }
        })).ToList();

        await coordinator.StartAsync(Job(epochs: 2));
        var status = await WaitUntilDoneAsync(coordinator);
        var serving = (await model.DescribeAsync()).Version;
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(status.Phase == TrainingPhase.Finished, $"{status.Phase}: {status.Message}");
        Assert.Equal(2, status.Epoch);
        Assert.NotEmpty(status.DeployedVersions);                 // epoch 1 always improves on nothing
        Assert.Equal(status.DeployedVersions[^1], serving);
        Assert.NotEqual(shipped, serving);
        Assert.All(status.DeployedVersions, v => Assert.True(File.Exists(Path.Combine(Archive, v.Split('.')[0] + ".ckpt")), v));
        Assert.Empty(failures);
        Assert.Contains(shipped, seen);
        Assert.Contains(serving, seen);
    }

    [Fact]
    public async Task BadJobs_AreRefusedNamingTheProblem()
    {
        var coordinator = cluster.Client.GetGrain<ITrainingCoordinatorGrain>(ModelName);

        var noFolder = await Assert.ThrowsAsync<GenerationRequestException>(() => coordinator.StartAsync(Job(epochs: 1) with { TrainFolder = "/nonexistent/midi" }));
        var badOptions = await Assert.ThrowsAsync<GenerationRequestException>(() => coordinator.StartAsync(Job(epochs: 1) with { OptionsJson = "{\"HiddenSize\": -4}" }));
        var noEpochs = await Assert.ThrowsAsync<GenerationRequestException>(() => coordinator.StartAsync(Job(epochs: 0)));

        Assert.Contains("/nonexistent/midi", noFolder.Message);
        Assert.Contains("optionsJson", badOptions.Message);
        Assert.Contains("epochs", noEpochs.Message);
        Assert.Equal(TrainingPhase.Idle, (await coordinator.GetStatusAsync()).Phase);
    }

    [Fact]
    public async Task RunCallbacks_AreNotOnTheClientContract_AndAForgedReportIsRefusedWithoutPublishing()
    {
        var clientMethods = typeof(ITrainingCoordinatorGrain).GetMethods().Select(m => m.Name).Order();
        var reporter = cluster.Client.GetGrain<ITrainingRunReporter>(ModelName);
        var coordinator = cluster.Client.GetGrain<ITrainingCoordinatorGrain>(ModelName);

        var forged = await Assert.ThrowsAnyAsync<Exception>(() => reporter.ReportEpochAsync(Guid.NewGuid(), new EpochReport(1, 1.0, 0.5, Improved: true)));
        var forgedEnd = await Assert.ThrowsAnyAsync<Exception>(() => reporter.ReportEndAsync(Guid.Empty, TrainingPhase.Finished, "done"));

        Assert.Equal(["GetStatusAsync", "StartAsync", "StopAsync"], clientMethods);
        Assert.Contains("own training run", forged.Message);
        Assert.Contains("own training run", forgedEnd.Message);
        var status = await coordinator.GetStatusAsync();
        Assert.Equal(TrainingPhase.Idle, status.Phase);
        Assert.Equal(0, status.Epoch);
        Assert.Empty(status.DeployedVersions);
        Assert.False(Directory.Exists(Archive) && Directory.EnumerateFiles(Archive).Any());
    }

    private MusicTrainingJob Job(int epochs)
    {
        var music = CreativeGen.Ml.Tests.TestData.Fixture("music", "piano-midi"); // the shipped real pieces: 4 train, 2 val
        var tiny = TrainingOptions.PianoSmall with
        {
            EmbeddingSize = 16, HiddenSize = 32, Layers = 2, SequenceLength = 48, BatchSize = 8, WindowsPerEpoch = 24, Seed = 3,
        };
        return new MusicTrainingJob(Path.Combine(music, "train"), Path.Combine(music, "val"), Path.Combine(folder.Path, "run"), epochs,
            MaxTrainFiles: 4, MaxValidationFiles: 2, OptionsJson: JsonSerializer.Serialize(tiny, MusicCheckpoint.Json));
    }

    private static async Task<TrainingStatus> WaitUntilDoneAsync(ITrainingCoordinatorGrain coordinator)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var status = await coordinator.GetStatusAsync();
            if (status.Phase != TrainingPhase.Running || DateTime.UtcNow > deadline) return status;
            await Task.Delay(200);
        }
    }

    private static IMusicGenerator Load(string path)
    {
        TorchRuntime.Initialize();
        return MusicModelLoader.Load(path);
    }
}
