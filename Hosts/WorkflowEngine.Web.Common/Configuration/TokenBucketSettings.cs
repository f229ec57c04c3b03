namespace WorkflowEngine.Hosting.Configuration;

/// <summary>One token bucket per identity: a burst of <see cref="TokenLimit"/> requests, refilled steadily.</summary>
public sealed class TokenBucketSettings
{
    /// <summary>The most requests an identity may send in a burst.</summary>
    public int TokenLimit { get; set; }

    /// <summary>Requests given back every <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; }
}
