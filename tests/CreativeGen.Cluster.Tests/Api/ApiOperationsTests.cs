using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreativeGen.Client.Gateway.Endpoints;

namespace CreativeGen.Cluster.Tests.Api;

public sealed class ApiOperationsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Healthz_IsOk()
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        var document = await api.Http.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/v1/models", "/v1/users", "/v1/users/{id}/preferences", "/v1/users/{id}/music", "/v1/users/{id}/landscapes", "/v1/content/{recipeId}", "/v1/users/{id}/history", "/v1/users/{id}/ratings" })
            Assert.Contains($"\"{path}\"", document);
    }

    [Theory]
    [InlineData("/v1/users/{id}/music", "post", new[] { "200", "400", "401", "403", "406", "413", "429", "503" })]
    [InlineData("/v1/users/{id}/preferences", "get", new[] { "200", "401", "403", "429", "503" })]
    [InlineData("/v1/content/{recipeId}", "get", new[] { "200", "400", "401", "403", "404", "406", "410", "429", "503" })]
    public async Task OpenApiDocument_DeclaresTheErrorAnswers(string path, string method, string[] statuses)
    {
        using var document = JsonDocument.Parse(await api.Http.GetStringAsync("/openapi/v1.json"));

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        foreach (var status in statuses) Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} should declare {status}: {responses}");
    }

    [Fact]
    public async Task Metrics_ExposeRequestLatencyBatchSizesQueueWaitAndActiveGrains()
    {
        var user = await api.CreateUserAsync();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/landscapes", user)));

        var metrics = await ReadMetricsUntilAsync("creativegen_model_batch_size");

        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("http_route=\"/v1/users/{id}/landscapes\"", metrics);
        // Exact series names, as the Grafana dashboard (helm/creativegen/dashboards) queries them.
        Assert.Contains("creativegen_model_batch_size_bucket{", metrics);
        Assert.Contains("creativegen_model_queue_wait_milliseconds_bucket{", metrics);
        Assert.Contains("creativegen_model_batch_duration_milliseconds_bucket{", metrics);
        Assert.Contains("creativegen_grains_active{", metrics);
    }

    [Fact]
    public async Task Models_ListWhatRequestsMayName_ForKeyHoldersOnly()
    {
        var user = await api.CreateUserAsync();

        var anonymous = await api.Http.GetAsync("/v1/models");
        var catalog = await (await api.SendAsync(HttpMethod.Get, "/v1/models", user)).Content.ReadFromJsonAsync<ModelCatalog>();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(api.Models.MusicGenerator.Composers, catalog!.Music.Composers);
        Assert.Equal(api.Models.LandscapeGenerator.Categories, catalog.Landscape.Categories);
        Assert.Equal(api.Models.LandscapeGenerator.ModelVersion, catalog.Landscape.Version);
        Assert.Equal("cpu", catalog.Landscape.Device); // CREATIVEGEN_DEVICE unset: the default
        Assert.StartsWith("cpu", catalog.Music.Device);
    }

    [Fact]
    public async Task OperatorApi_WithoutConfiguredKeys_RefusesEveryone_EvenAUserWithAValidKey()
    {
        var user = await api.CreateUserAsync();

        var response = await api.SendAsync(HttpMethod.Post, "/v1/operator/training/music-piano/stop", user);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("operator API is off", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_IsAProblem404_NotAnError()
    {
        var response = await api.Http.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> ReadMetricsUntilAsync(string series)
    {
        // The Prometheus exporter caches a scrape briefly; ask again until the new series show up.
        var text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains(series); attempt++)
        {
            text = await api.Http.GetStringAsync("/metrics");
            if (!text.Contains(series)) await Task.Delay(250);
        }
        return text;
    }
}
