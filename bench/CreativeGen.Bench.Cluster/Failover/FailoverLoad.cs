using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CreativeGen.Client.Gateway.Endpoints;

namespace CreativeGen.Bench.Cluster.Failover;

/// <summary>How one request ended: answered, refused cleanly (problem details, no internals), answered badly, or no answer in time.</summary>
public enum Outcome { Ok, Problem, Unclean, Hung }

/// <param name="Started">Seconds from the start of the load.</param>
/// <param name="Ended">Seconds from the start of the load.</param>
public sealed record RequestRecord(string Kind, double Started, double Ended, Outcome Outcome, int Status, string? Detail);

/// <summary>What a user was told was stored: a generated recipe, and the stars of the rating that was acknowledged.</summary>
public sealed record Acknowledged(string UserId, string RecipeId, int? Stars);

/// <summary>
/// Closed-loop load through the gateway's HTTP API by real (registered) users: each composes a short piece or paints a
/// landscape, then rates what it got, over and over, at most <paramref name="generationsPerSecond"/> times a second
/// (a person's pace, and few enough that a user's whole run fits the history API's newest-500 window). Every answer
/// is classified, and every write the API acknowledged is remembered so that it can be looked for afterwards.
/// </summary>
public sealed class FailoverLoad(HttpClient http, TimeSpan requestTimeout, double generationsPerSecond)
{
    private const string RecipeIdHeader = "X-Recipe-Id"; // the gateway's ContentResults.RecipeIdHeader

    private readonly Stopwatch clock = new();
    private readonly List<RequestRecord> records = [];
    private readonly List<Acknowledged> acknowledged = [];

    public double Now => clock.Elapsed.TotalSeconds;

    public IReadOnlyList<RequestRecord> Records { get { lock (records) return [.. records]; } }

    public IReadOnlyList<Acknowledged> AcknowledgedWrites { get { lock (acknowledged) return [.. acknowledged]; } }

    public async Task<CreatedUser[]> RegisterAsync(int users) =>
        await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
            (await (await http.PostAsync("/v1/users", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedUser>())!));

    /// <summary>Runs every user's loop until <paramref name="stop"/> is cancelled (requests in flight then finish or time out).</summary>
    public Task RunAsync(IEnumerable<CreatedUser> users, CancellationToken stop)
    {
        clock.Start();
        return Task.WhenAll(users.Select((user, index) => Task.Run(() => UserLoopAsync(user, index, stop))));
    }

    private async Task UserLoopAsync(CreatedUser user, int index, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / generationsPerSecond);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var paced = Task.Delay(period, CancellationToken.None);
            var kind = (index + i) % 2 == 0 ? "music" : "landscape";
            var (record, recipeId) = await GenerateAsync(user, kind);
            if (recipeId is null)
            {
                if (record.Outcome != Outcome.Ok) await Task.Delay(200, CancellationToken.None); // a failed user waits a moment, as a client would
                continue;
            }
            lock (acknowledged) acknowledged.Add(new Acknowledged(user.UserId, recipeId, null));
            var stars = 1 + (index + i) % 5;
            var (rating, _) = await SendAsync(user, "rating", HttpMethod.Post, $"/v1/users/{user.UserId}/ratings", JsonContent.Create(new { recipeId, stars }));
            if (rating.Outcome == Outcome.Ok) lock (acknowledged) acknowledged.Add(new Acknowledged(user.UserId, recipeId, stars));
            await paced;
        }
    }

    /// <summary>One music and one landscape request until each succeeds, so the model grains are active and placed; then forgets the records.</summary>
    public async Task WarmUpAsync(CreatedUser user, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var kind in new[] { "music", "landscape" })
            while ((await GenerateAsync(user, kind)).Record.Outcome != Outcome.Ok)
            {
                if (deadline.Elapsed > limit) throw new TimeoutException($"warm-up: no {kind} request succeeded within {limit.TotalSeconds:F0} s");
                await Task.Delay(500);
            }
        lock (records) records.Clear();
    }

    private Task<(RequestRecord Record, string? RecipeId)> GenerateAsync(CreatedUser user, string kind) => kind == "music"
        ? SendAsync(user, kind, HttpMethod.Post, $"/v1/users/{user.UserId}/music", JsonContent.Create(new { lengthSeconds = 2.0 }))
        : SendAsync(user, kind, HttpMethod.Post, $"/v1/users/{user.UserId}/landscapes", JsonContent.Create(new { }));

    private async Task<(RequestRecord Record, string? RecipeId)> SendAsync(CreatedUser user, string kind, HttpMethod method, string path, HttpContent body)
    {
        var started = Now;
        using var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.ApiKey);
        using var timeout = new CancellationTokenSource(requestTimeout);
        RequestRecord record;
        string? recipeId = null;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var text = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                await response.Content.ReadAsByteArrayAsync(timeout.Token);
                recipeId = response.Headers.TryGetValues(RecipeIdHeader, out var ids) ? ids.FirstOrDefault() : null;
                record = new RequestRecord(kind, started, Now, Outcome.Ok, (int)response.StatusCode, null);
            }
            else
            {
                record = new RequestRecord(kind, started, Now, IsCleanProblem(response, text!) ? Outcome.Problem : Outcome.Unclean, (int)response.StatusCode, Shorten(text!));
            }
        }
        catch (OperationCanceledException)
        {
            record = new RequestRecord(kind, started, Now, Outcome.Hung, 0, $"no answer within {requestTimeout.TotalSeconds:F0} s");
        }
        catch (HttpRequestException error)
        {
            record = new RequestRecord(kind, started, Now, Outcome.Unclean, 0, error.Message); // the gateway dropped the connection
        }
        lock (records) records.Add(record);
        return (record, recipeId);
    }

    /// <summary>A failure is clean when it is problem details that show nothing of the server's insides.</summary>
    public static bool IsCleanProblem(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && !body.Contains("   at ", StringComparison.Ordinal)
        && !body.Contains("Exception", StringComparison.Ordinal)
        && !body.Contains("Orleans.", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
