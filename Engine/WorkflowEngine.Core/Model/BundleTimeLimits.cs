namespace WorkflowEngine.Core.Model;

/// <summary>The bundle's limits: statutory (法定时限) and the shorter one the service promises (承诺时限).</summary>
public sealed record BundleTimeLimits
{
    public WorkingTimeLimit? Statutory { get; init; }

    public WorkingTimeLimit? Promised { get; init; }
}
