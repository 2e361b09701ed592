using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CreativeGen.Client.Gateway;
using CreativeGen.Client.Gateway.Audio;
using CreativeGen.Client.Gateway.Endpoints;
using CreativeGen.Cluster.Tests.Generators;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreativeGen.Cluster.Tests.Api;

/// <summary>
/// The real gateway on a loopback port with an embedded silo (file store in a temp folder) and the
/// deterministic test generators. Rate limits: 5 requests/s per key, bursts of 20; per client address the
/// defaults (far above what any test sends, all from 127.0.0.1), unless a derived fixture changes them.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly TempDirectory state = TestSupport.TempDirectory();
    private WebApplication app = null!;

    public TestModels Models { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Where the embedded silo keeps grain state (one file per grain).</summary>
    public string StateDirectory => state.Path;

    /// <summary>Everything the gateway and its silo logged, as the console would show it.</summary>
    public LogRecorder Logs { get; } = new();

    /// <summary>The WAV renderer the gateway uses; a test may switch it off to play a server without a synthesizer.</summary>
    public SwitchableWavRenderer WavRenderer { get; } = new();

    /// <summary>The user ids whose grain was asked to check a key, in order.</summary>
    public ConcurrentQueue<string> AuthenticatedUserIds { get; } = new();

    public async Task InitializeAsync()
    {
        var options = new GatewayOptions
        {
            Url = "http://127.0.0.1:0",
            Silo =
            {
                StateDirectory = state.Path,
                SiloPort = TestSupport.FreePort(),
                GatewayPort = TestSupport.FreePort(),
                ClusterId = "api-test",
                Batching = { MaxBatchSize = 8, WindowMilliseconds = 5 },
            },
            RateLimit = { PermitsPerSecond = 5, Burst = 20 },
        };
        ConfigureRateLimits(options.RateLimit);
        ConfigureProxy(options.Proxy);
        ConfigureOperator(options.Operator);
        app = GatewayApplication.Build(options, services =>
        {
            Models.Register(services);
            services.AddSingleton<IIncomingGrainCallFilter>(new AuthenticationRecorder(AuthenticatedUserIds));
            services.AddSingleton<IWavRenderer>(WavRenderer);
            services.AddSingleton<ILoggerProvider>(Logs);
            ConfigureServices(services);
        });
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(GatewayApplication.ListeningUrl(app)) };
    }

    /// <summary>Extra silo services a derived fixture needs (e.g. personal landscapes).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual void ConfigureRateLimits(RateLimitOptions limits)
    {
    }

    protected virtual void ConfigureProxy(ProxyOptions proxy)
    {
    }

    protected virtual void ConfigureOperator(Client.Gateway.Operators.OperatorOptions operators)
    {
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        state.Dispose();
    }

    public async Task<CreatedUser> CreateUserAsync()
    {
        var response = await Http.PostAsync("/v1/users", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedUser>())!;
    }

    public HttpRequestMessage Request(HttpMethod method, string path, CreatedUser? user, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.ApiKey);
        if (json is not null) request.Content = JsonContent.Create(json);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CreatedUser? user, object? json = null) =>
        Http.SendAsync(Request(method, path, user, json));

    /// <summary>Records which user grains were asked to check a key (the cost a rate limit must spare).</summary>
    private sealed class AuthenticationRecorder(ConcurrentQueue<string> userIds) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name == nameof(GrainInterfaces.Users.IUserGrain.AuthenticateAsync))
                userIds.Enqueue(context.TargetId.Key.ToString()!);
            return context.Invoke();
        }
    }

    /// <summary>
    /// TEST ONLY: answers with a bare WAV header so that the audio/wav path of the API can be checked; with
    /// <see cref="IsAvailable"/> false it plays a server without a synthesizer.
    /// </summary>
    public sealed class SwitchableWavRenderer : IWavRenderer
    {
        public bool IsAvailable { get; set; } = true;

        public byte[] Render(byte[] midi) => [.. "RIFF"u8.ToArray(), .. BitConverter.GetBytes(midi.Length), .. "WAVE"u8.ToArray()];
    }
}
