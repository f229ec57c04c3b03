using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Pages;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Per-identity rate limits (section <c>RateLimits</c>), with ASP.NET Core's rate limiter: a token bucket per identity
/// for every request, and a stricter one for submissions and uploads. The identity is the signed-in user, else the
/// client's address. The public look-up by tracking number and query code has a limit of its own, per address and
/// number (<c>TrackingLookupLimiter</c>, where the engine runs). A caller over its limit gets 429 with Retry-After, and nothing is queued: a problem from the API,
/// a readable page in the visitor's language from a page's form post.
/// </summary>
public static class RateLimiting
{
    /// <summary>The stricter limit of submissions and uploads, which the endpoints and pages that take them name.</summary>
    public const string SubmissionsPolicy = "submissions";

    public static IServiceCollection AddWorkflowRateLimits(this IServiceCollection services)
    {
        // The limits come from RateLimitSettings, which the options below read once they are bound.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, configured) =>
        {
            var settings = configured.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Bucket(settings, settings.Requests, context));
            // The pages that take submissions carry the policy on the page, which also answers GET: only their posts count.
            options.AddPolicy(SubmissionsPolicy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("")
                : Bucket(settings, settings.Submissions, context));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Bucket(RateLimitSettings settings, TokenBucketSettings bucket, HttpContext context) =>
        settings.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(Identity(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.TokenLimit,
                TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = bucket.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>
    /// Who is asking: the user once signed in, so colleagues behind one office address do not share a limit; else the
    /// address the connection came from (behind a proxy named in <c>ReverseProxy</c>, the client's as the proxy forwards it).
    /// </summary>
    private static string Identity(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? "user:" + user
            : "address:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (!SecurityHeaders.IsApi(context.Request.Path))
        {
            // A person at a page's form: a page, not JSON.
            await TooManyRequestsPage.WriteAsync(context, seconds, cancellationToken);
            return;
        }

        await Results.Problem(
                $"请求过于频繁，请 {seconds} 秒后再试（稍后重试即可）",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "请求过多")
            .ExecuteAsync(context);
    }
}
