namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Section <c>RateLimits</c>: how fast one identity (the signed-in user, else the client's address) may call the API.
/// The defaults let a clerk's workbench or a citizen's browser work freely and stop a script that floods the host.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>False switches every limit off, for load tests; never in production.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Every request: bursts of 300, then 10 a second (600 a minute).</summary>
    public TokenBucketSettings Requests { get; set; } = new() { TokenLimit = 300, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>Submissions and material uploads, on top of <see cref="Requests"/>: bursts of 20, then 10 a minute.</summary>
    public TokenBucketSettings Submissions { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// The public look-up by tracking number and query code (the <c>/track</c> page and <c>POST /api/public/track</c>),
    /// per client address and tracking number, on top of <see cref="Requests"/>: 5 tries, then one every 2 minutes, so
    /// the codes of one number cannot be guessed, while a mistyped number or a neighbour behind the same address uses a
    /// bucket of its own.
    /// </summary>
    public TokenBucketSettings Lookups { get; set; } = new() { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(2) };

    /// <summary>
    /// The most buckets of <see cref="Lookups"/> held in memory (one per client network and tracking number, about 200
    /// bytes each): beyond it the least recently used is forgotten, so that a flood of distinct numbers or addresses
    /// cannot grow the host's memory without bound.
    /// </summary>
    public int LookupPartitions { get; set; } = 100_000;
}
