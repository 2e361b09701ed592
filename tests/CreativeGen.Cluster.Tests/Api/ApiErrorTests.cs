using System.Net;
using System.Text;
using System.Text.Json;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.Cluster.Tests.Generators;
using CreativeGen.GrainInterfaces.Content;
using CreativeGen.GrainInterfaces.Models;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>What a client sees, and what the log says, when a request goes wrong: internals never reach the client, and a 4xx is not a failure.</summary>
public sealed class ApiErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task CorruptUserState_Is503WithoutInternals_AndTheCauseIsLogged()
    {
        // A user's state file with one byte flipped, for a user whose grain is not active (so it is read now).
        var owner = await api.CreateUserAsync();
        var (userId, madeUpKey) = ApiRateLimitTests.MadeUpKey();
        var file = Directory.EnumerateFiles(api.StateDirectory, $"{owner.UserId}.*", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileName(file).Replace(owner.UserId, userId)), bytes);
        var mark = api.Logs.Mark();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userId}/preferences");
        request.Headers.Add("X-Api-Key", madeUpKey);

        var response = await api.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in new[] { api.StateDirectory, userId + ".", ".state", "   at ", "Exception", "checksum", "Orleans" })
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        var traceId = JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        var logged = api.Logs.Since(mark).Where(e => e.Level >= LogLevel.Error && e.Exception is not null).ToList();
        Assert.Contains(logged, e => e.Message.Contains(traceId!) && e.Exception!.ToString().Contains("checksum"));
    }

    [Theory]
    [InlineData("music", "no-such-model")]
    [InlineData("landscapes", "landscape-1024")]
    public async Task UnknownModel_Is400NamingTheModel_AndLogsNoFailure(string resource, string model)
    {
        var user = await api.CreateUserAsync();
        var mark = api.Logs.Mark();

        var response = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/{resource}", user, new { model });

        var logged = api.Logs.Since(mark);
        Assert.False(logged.Any(e => e.Level >= LogLevel.Warning || e.Exception is not null),
            $"a refused request is not a failure; logged:\n{string.Join("\n", logged)}");
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("model", out _), $"errors should name model: {problem}");
    }

    [Theory]
    [InlineData("Music-piano")]
    [InlineData("mUsic-piano")]
    [InlineData("MUSIC-PIANO")]
    [InlineData("music-piano ")]
    public async Task CaseVariantOfAModelName_Is400_AndActivatesNoModelGrain(string variant)
    {
        var user = await api.CreateUserAsync();

        var variantResponse = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { model = variant, lengthSeconds = 1 });
        var exact = await api.SendAsync(HttpMethod.Post, $"/v1/users/{user.UserId}/music", user, new { model = TestModels.Music, lengthSeconds = 1 });

        var problem = await ReadProblemAsync(variantResponse, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("model", out _), $"errors should name model: {problem}");
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        var modelGrains = (await api.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(g => g.GrainType.Contains("Model", StringComparison.Ordinal)).Select(g => g.GrainId.Key.ToString()).ToList();
        Assert.DoesNotContain(modelGrains, key => !string.Equals(key, TestModels.Music, StringComparison.Ordinal)
            && string.Equals(key!.Trim(), TestModels.Music, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Music-piano")]
    [InlineData("music-piano#1")] // one replica only: there is no "#1"
    [InlineData("music-piano#0")] // replica 0 is the bare name
    [InlineData("music-piano#01")]
    [InlineData("music-piano#x")]
    public async Task ModelGrainUnderANonCanonicalKey_RefusesToActivate(string key)
    {
        var error = await Assert.ThrowsAsync<GenerationRequestException>(() => api.Grains.GetGrain<IMusicModelGrain>(key).DescribeAsync());

        Assert.Equal("model", error.Parameter);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }
}
