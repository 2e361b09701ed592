using CreativeGen.GrainInterfaces.Users;
using CreativeGen.Grains.Storage;
using CreativeGen.Grains.Users;
using Orleans.Storage;

namespace CreativeGen.Cluster.Tests.Storage;

public sealed class FileGrainStorageTests
{
    private static readonly GrainId User = GrainId.Create("user", "alice/../../etc");

    [Fact]
    public async Task WrittenState_IsReadByANewStorageInstance()
    {
        using var dir = TestSupport.TempDirectory();
        var state = new TestGrainState<UserState>(new UserState { ApiKeyHash = "abc", Preferences = UserPreferences.Default with { Landscapes = new(["sea"], 0.3) } });
        await NewStorage(dir).WriteStateAsync("user", User, state);

        var read = new TestGrainState<UserState>(new UserState());
        await NewStorage(dir).ReadStateAsync("user", User, read);

        Assert.True(read.RecordExists);
        Assert.Equal("abc", read.State.ApiKeyHash);
        Assert.Equal(["sea"], read.State.Preferences.Landscapes.Categories);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task GrainKeys_CannotEscapeTheStateDirectory()
    {
        using var dir = TestSupport.TempDirectory();
        var storage = NewStorage(dir);
        await storage.WriteStateAsync("user", User, new TestGrainState<UserState>(new UserState()));

        var path = Path.GetFullPath(storage.PathOf("user", User));
        Assert.StartsWith(Path.GetFullPath(dir.Path), path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task WriteWithAStaleETag_IsAVersionConflict()
    {
        using var dir = TestSupport.TempDirectory();
        var storage = NewStorage(dir);
        var first = new TestGrainState<UserState>(new UserState());
        var second = new TestGrainState<UserState>(new UserState());
        await storage.ReadStateAsync("user", User, first);
        await storage.ReadStateAsync("user", User, second);
        await storage.WriteStateAsync("user", User, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("user", User, second));
    }

    [Fact]
    public async Task Clear_RemovesTheState()
    {
        using var dir = TestSupport.TempDirectory();
        var storage = NewStorage(dir);
        var state = new TestGrainState<UserState>(new UserState { ApiKeyHash = "x" });
        await storage.WriteStateAsync("user", User, state);

        await storage.ClearStateAsync("user", User, state);
        var read = new TestGrainState<UserState>(new UserState());
        await storage.ReadStateAsync("user", User, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.State.ApiKeyHash);
    }

    private static FileGrainStorage NewStorage(TempDirectory dir) =>
        new("test", new FileGrainStorageOptions { RootDirectory = dir.Path }, new JsonStorageSerializer());

    private sealed class TestGrainState<T>(T state) : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = state;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    /// <summary>System.Text.Json, as Orleans' default grain storage serializer uses.</summary>
    private sealed class JsonStorageSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

        public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>()!;
    }
}
