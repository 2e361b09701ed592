using System.Threading.RateLimiting;
using CreativeGen.Client.Gateway.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CreativeGen.Client.Gateway.RateLimiting;

/// <summary>
/// The gateway's limits. The per-address limit is the middleware's global limiter, so it is checked before the
/// endpoint runs, and with it the API-key filters that call a user grain: made-up keys cost a token, not an
/// activation. The per-key and registration limits are endpoint policies, checked after it. Every 429 names its
/// limit (detail, and "limit" for programs); endpoints marked DisableRateLimiting (health, metrics) skip them all.
/// </summary>
public static class GatewayRateLimits
{
    public const string PerAddressLimit = "per-address";
    public const string PerKeyLimit = "per-key";
    public const string RegistrationLimit = "registration";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        if (limits.PermitsPerSecondPerAddress > 0)
        {
            var burst = Math.Max(limits.BurstPerAddress, limits.PermitsPerSecondPerAddress);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                _ => TokenBucket(limits.PermitsPerSecondPerAddress, burst)));
            // The middleware calls this only for the global limiter's rejections; each policy brings its own.
            limiter.OnRejected = Reject(PerAddressLimit,
                $"Rate limit: {limits.PermitsPerSecondPerAddress} requests per second per client address (bursts of {burst}), whatever the API key.");
        }
        limiter.AddPolicy(GatewayApplication.PerKeyPolicy, new LimitPolicy(
            context => RateLimitPartition.GetTokenBucketLimiter(
                ApiKeyAuthentication.ReadKey(context) is { } key ? "key:" + key : "ip:" + ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                _ => TokenBucket(limits.PermitsPerSecond, limits.Burst)),
            Reject(PerKeyLimit, $"Rate limit: {limits.PermitsPerSecond} requests per second per API key (bursts of {limits.Burst}).")));
        limiter.AddPolicy(GatewayApplication.RegistrationPolicy, new LimitPolicy(
            context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RegistrationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }),
            Reject(RegistrationLimit, $"Rate limit: {limits.RegistrationsPerMinute} registrations per minute per client address.")));
    }

    private static TokenBucketRateLimiterOptions TokenBucket(int permitsPerSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = permitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
    };

    private static Func<OnRejectedContext, CancellationToken, ValueTask> Reject(string limit, string detail) => async (context, _) =>
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail + " Retry later.",
                Extensions = { ["limit"] = limit },
            },
        });
    };

    private sealed class LimitPolicy(
        Func<HttpContext, RateLimitPartition<string>> partition,
        Func<OnRejectedContext, CancellationToken, ValueTask> onRejected) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask> OnRejected => onRejected;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => partition(httpContext);
    }
}
