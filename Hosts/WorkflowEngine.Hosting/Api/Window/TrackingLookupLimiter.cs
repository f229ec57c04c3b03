using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The public look-up's own limit (<c>RateLimits:Lookups</c>), shared by the <c>/track</c> page and
/// <c>POST /api/public/track</c>: a token bucket per client address and tracking number. Keyed on the number as well, so
/// that guessing the codes of one number is stopped after a handful of tries while a citizen who mistyped the number, or
/// a neighbour behind the same address, keeps a bucket of their own. The number is in the body, which ASP.NET Core's
/// rate-limiting middleware does not read, so the look-up asks here once it has read it.
/// </summary>
public sealed class TrackingLookupLimiter : IDisposable
{
    /// <summary>The longest number kept in a key: longer text is no tracking number and shares one bucket per address.</summary>
    private const int MaxNumberLength = TrackingNumbers.MaxLength;

    /// <summary>The title of the refusal.</summary>
    public static readonly ProblemText RefusalTitle = new("查询过于频繁", "Too many look-ups");

    private readonly PartitionedRateLimiter<string> _limiter;

    public TrackingLookupLimiter(IOptions<RateLimitSettings> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var bucket = settings.Lookups;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => settings.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.TokenLimit,
                TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = bucket.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>
    /// Takes one try of this address for this number: null when it may go ahead, else the seconds to wait (at least
    /// one), which the caller sends as <c>Retry-After</c>. Every try counts, found or not, so that a guesser cannot tell
    /// a hit by what the limit does.
    /// </summary>
    public int? TryAcquire(HttpContext context, string? trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(context);
        var number = TrackingNumbers.Normalize(trackingNumber);
        var key = (context.Connection.RemoteIpAddress ?? IPAddress.None) + "|" + (number.Length > MaxNumberLength ? "" : number);
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
    }

    /// <summary>What a caller over the limit is told, the wait in minutes once it is a minute or more.</summary>
    public static ProblemText Refusal(int seconds)
    {
        var minutes = (seconds + 59) / 60;
        return seconds < 60
            ? new(Invariant($"这个受理编号的查询次数过多，请 {seconds} 秒后再试"), Invariant($"Too many look-ups of this tracking number: try again in {seconds} seconds"))
            : new(Invariant($"这个受理编号的查询次数过多，请 {minutes} 分钟后再试"), Invariant($"Too many look-ups of this tracking number: try again in {minutes} minute{(minutes == 1 ? "" : "s")}"));
    }

    public void Dispose() => _limiter.Dispose();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
