using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.Client.Gateway.Operators;
using CreativeGen.Cluster.Tests.Generators;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>Model swaps and training go through /v1/operator, only with the operator key, and each attempt leaves an audit line.</summary>
public sealed class OperatorApiTests(OperatorApiFixture api) : IClassFixture<OperatorApiFixture>
{
    private const string SwapPath = "/v1/operator/models/music/" + TestModels.Music + "/swap";

    [Fact]
    public async Task Swap_WithoutAKey_OrWithAUserKey_OrAWrongKey_IsRefusedAndAudited_AndTheModelKeepsServing()
    {
        var user = await api.CreateUserAsync();
        var before = await ServingVersionAsync(user);
        var mark = api.Logs.Mark();

        var anonymous = await api.Http.PostAsJsonAsync(SwapPath, new SwapRequest("fixed-op"));
        var userKey = await api.SendAsync(HttpMethod.Post, SwapPath, user, new SwapRequest("fixed-op"));
        var wrongKey = await SendAsOperatorAsync(HttpMethod.Post, SwapPath, new string('x', 40), new SwapRequest("fixed-op"));

        Assert.All([anonymous, userKey, wrongKey], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        var audit = AuditSince(mark);
        Assert.Equal(3, audit.Count(e => e.Level == LogLevel.Warning && e.Message.Contains($"refused POST {SwapPath}")));
        Assert.Contains(audit, e => e.Message.Contains("no operator key"));
        Assert.Equal(2, audit.Count(e => e.Message.Contains("wrong operator key")));
        Assert.Equal(before, await ServingVersionAsync(user));
    }

    [Fact]
    public async Task Swap_WithTheOperatorKey_ServesTheVersion_AndTheAuditNamesTheKeyNotItsSecret()
    {
        api.Models.ArchivedMusic["fixed-op"] = new FixedPatternMusicGenerator("fixed-op");
        var user = await api.CreateUserAsync();
        var mark = api.Logs.Mark();

        var swapped = await SendAsOperatorAsync(HttpMethod.Post, SwapPath, OperatorApiFixture.Key, new SwapRequest("fixed-op"));
        var serving = await ServingVersionAsync(user);
        await SendAsOperatorAsync(HttpMethod.Post, SwapPath, OperatorApiFixture.Key, new SwapRequest("default"));

        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal("fixed-op", serving);
        var line = Assert.Single(AuditSince(mark), e => e.Message.Contains("version fixed-op"));
        Assert.Contains($"{OperatorOptions.KeyId(OperatorApiFixture.Key)} from 127.0.0.1 swap music/{TestModels.Music}", line.Message);
        Assert.EndsWith("done", line.Message);
        Assert.DoesNotContain(api.Logs.Entries, e => e.Message.Contains(OperatorApiFixture.Key));
    }

    [Fact]
    public async Task TrainAndStop_WithTheOperatorKey_ReachTheCoordinator_AndAFailedActionIsAuditedAsFailed()
    {
        var mark = api.Logs.Mark();
        var job = new { trainFolder = "/no/such/folder", validationFolder = "/no/such/folder", runFolder = "/tmp/x", epochs = 1, resume = false };

        var train = await SendAsOperatorAsync(HttpMethod.Post, "/v1/operator/training/" + TestModels.Music, OperatorApiFixture.Key, job);
        var stop = await SendAsOperatorAsync(HttpMethod.Post, $"/v1/operator/training/{TestModels.Music}/stop", OperatorApiFixture.Key);

        Assert.Equal(HttpStatusCode.BadRequest, train.StatusCode); // the coordinator's own validation, as problem details naming the field
        Assert.Contains("trainFolder", await train.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var audit = AuditSince(mark);
        Assert.Contains(audit, e => e.Message.Contains($"train music/{TestModels.Music}") && e.Message.Contains("failed, GenerationRequestException"));
        Assert.Contains(audit, e => e.Message.Contains($"stop music/{TestModels.Music} (training): done"));
    }

    [Fact]
    public async Task ClusterView_NeedsTheOperatorKey_AndShowsTheSiloEachModelGrainIsActiveOn()
    {
        var user = await api.CreateUserAsync();
        await ServingVersionAsync(user); // describing the models activates them

        var anonymous = await api.Http.GetAsync("/v1/operator/cluster");
        var userKey = await api.SendAsync(HttpMethod.Get, "/v1/operator/cluster", user);
        var view = await SendAsOperatorAsync(HttpMethod.Get, "/v1/operator/cluster", OperatorApiFixture.Key);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, userKey.StatusCode);
        var placement = (await view.Content.ReadFromJsonAsync<ClusterPlacement>())!;
        var silo = Assert.Single(placement.Silos); // the embedded silo
        Assert.Equal("Active", silo.Status);
        Assert.Contains(placement.Activations, a => a.Kind == "music-model" && a.Key == TestModels.Music && a.Silo == silo.Endpoint);
        Assert.Contains(placement.Activations, a => a.Kind == "landscape-model" && a.Silo == silo.Endpoint);
        Assert.DoesNotContain(placement.Activations, a => a.Key == user.UserId); // only model-bound grains, never users
    }

    private List<LogEntry> AuditSince(int mark) => [.. api.Logs.Since(mark).Where(e => e.Category == OperatorAudit.Category)];

    private async Task<string> ServingVersionAsync(CreatedUser user) =>
        (await (await api.SendAsync(HttpMethod.Get, "/v1/models", user)).Content.ReadFromJsonAsync<ModelCatalog>())!.Music.Version;

    private Task<HttpResponseMessage> SendAsOperatorAsync(HttpMethod method, string path, string key, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null) request.Content = JsonContent.Create(json);
        return api.Http.SendAsync(request);
    }
}

/// <summary>The API with one operator key configured.</summary>
public sealed class OperatorApiFixture : ApiFixture
{
    public const string Key = "operator-key-for-tests-0123456789abcdef";

    protected override void ConfigureOperator(OperatorOptions operators) => operators.Keys = [Key];
}
