using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The public look-up's own limit (<c>RateLimits:Lookups</c>), shared by the <c>/track</c> page and
/// <c>POST /api/public/track</c>: a token bucket per client network and tracking number. Keyed on the number as well, so
/// that guessing the codes of one number is stopped after a handful of tries while a citizen who mistyped the number, or
/// a neighbour behind the same address, keeps a bucket of their own. An IPv6 client is keyed by its /64, the network one
/// subscriber is given, so that rotating addresses within it buys no fresh tries. Only well-formed numbers
/// (<see cref="TrackingNumbers.IsWellFormed"/>) reach here: text that cannot be a number is refused before, so it never
/// shares a bucket with a real one. The buckets are held in memory up to <c>RateLimits:LookupPartitions</c>: a bucket
/// back to full is the same as a new one and is dropped, and beyond the bound the least recently used goes first.
/// The number is in the body, which ASP.NET Core's rate-limiting middleware does not read, so the look-up asks here once
/// it has read it. Time comes from <see cref="TimeProvider"/>, without timers.
/// </summary>
public sealed class TrackingLookupLimiter(IOptions<RateLimitSettings> options, TimeProvider time)
{
    /// <summary>The title of the refusal.</summary>
    public static readonly ProblemText RefusalTitle = new("查询过于频繁", "Too many look-ups");

    private readonly RateLimitSettings _settings = (options ?? throw new ArgumentNullException(nameof(options))).Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Bucket>> _buckets = new(StringComparer.Ordinal);

    /// <summary>The buckets, least recently used first.</summary>
    private readonly LinkedList<Bucket> _byUse = new();

    /// <summary>How many buckets are held now: never more than <c>RateLimits:LookupPartitions</c>.</summary>
    public int PartitionCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>
    /// Takes one try of this client for this number: null when it may go ahead, else the seconds to wait (at least
    /// one), which the caller sends as <c>Retry-After</c>. Every try counts, found or not, so that a guesser cannot tell
    /// a hit by what the limit does.
    /// </summary>
    public int? TryAcquire(HttpContext context, string? trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_settings.Enabled)
        {
            return null;
        }

        var key = NetworkOf(context.Connection.RemoteIpAddress) + "|" + TrackingNumbers.Normalize(trackingNumber);
        var limit = _settings.Lookups;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropFull(now);
            if (_buckets.TryGetValue(key, out var node))
            {
                _byUse.Remove(node);
            }
            else
            {
                while (_buckets.Count >= Math.Max(1, _settings.LookupPartitions) && _byUse.First is { } oldest)
                {
                    Forget(oldest);
                }

                node = new LinkedListNode<Bucket>(new Bucket(key, limit.TokenLimit, now));
                _buckets[key] = node;
            }

            _byUse.AddLast(node);
            var bucket = node.Value;
            bucket.Refill(limit, now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens--;
                return null;
            }

            var wait = bucket.RefilledAt + limit.ReplenishmentPeriod - now;
            return Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        }
    }

    /// <summary>The client's address as the limit keys it: an IPv6 address by its /64, an IPv4 address (mapped or not) whole.</summary>
    public static string NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None.ToString();
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>What a caller over the limit is told, the wait in minutes once it is a minute or more.</summary>
    public static ProblemText Refusal(int seconds)
    {
        var minutes = (seconds + 59) / 60;
        return seconds < 60
            ? new(Invariant($"这个受理编号的查询次数过多，请 {seconds} 秒后再试"), Invariant($"Too many look-ups of this tracking number: try again in {seconds} seconds"))
            : new(Invariant($"这个受理编号的查询次数过多，请 {minutes} 分钟后再试"), Invariant($"Too many look-ups of this tracking number: try again in {minutes} minute{(minutes == 1 ? "" : "s")}"));
    }

    /// <summary>
    /// Drops, from the least recently used on, the buckets that are full again: a new bucket would be the same. The first
    /// one still short stops the sweep, so each try costs little however many buckets there are.
    /// </summary>
    private void DropFull(DateTimeOffset now)
    {
        while (_byUse.First is { } oldest && oldest.Value.IsFullAt(_settings.Lookups, now))
        {
            Forget(oldest);
        }
    }

    private void Forget(LinkedListNode<Bucket> node)
    {
        _byUse.Remove(node);
        _buckets.Remove(node.Value.Key);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One client's tries of one number: the tokens left, as of the last whole period given back.</summary>
    private sealed class Bucket(string key, int tokens, DateTimeOffset refilledAt)
    {
        public string Key { get; } = key;

        public int Tokens { get; set; } = tokens;

        public DateTimeOffset RefilledAt { get; private set; } = refilledAt;

        public void Refill(TokenBucketSettings limit, DateTimeOffset now)
        {
            var periods = Periods(limit, now);
            if (periods > 0)
            {
                Tokens = (int)Math.Min(limit.TokenLimit, Tokens + (periods * limit.TokensPerPeriod));
                RefilledAt += periods * limit.ReplenishmentPeriod;
            }
        }

        public bool IsFullAt(TokenBucketSettings limit, DateTimeOffset now) =>
            Tokens + (Periods(limit, now) * limit.TokensPerPeriod) >= limit.TokenLimit;

        private long Periods(TokenBucketSettings limit, DateTimeOffset now) =>
            limit.ReplenishmentPeriod > TimeSpan.Zero && now > RefilledAt ? (now - RefilledAt).Ticks / limit.ReplenishmentPeriod.Ticks : 0;
    }
}
