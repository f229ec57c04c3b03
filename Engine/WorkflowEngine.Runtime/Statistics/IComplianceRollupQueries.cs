namespace WorkflowEngine.Runtime.Statistics;

/// <summary>The statistics' reads: sums of the compliance rollup, and the open steps' deadlines, each one indexed query.</summary>
public interface IComplianceRollupQueries
{
    /// <summary>
    /// The rollup of <paramref name="kind"/> (<see cref="ComplianceRollup.StepKind"/> or <see cref="ComplianceRollup.BundleKind"/>)
    /// for the months <paramref name="fromMonth"/> to <paramref name="toMonth"/> (yyyyMM, both included), summed by
    /// <paramref name="by"/>; one department's only when <paramref name="department"/> is given.
    /// </summary>
    Task<IReadOnlyList<RollupSum>> SumAsync(string kind, int fromMonth, int toMonth, ComplianceGrouping by, string? department, CancellationToken cancellationToken);

    /// <summary>
    /// The open steps at <paramref name="now"/> grouped by <paramref name="by"/> (a month is the one a step reached its
    /// department in, in Asia/Shanghai): every department's, or one's.
    /// </summary>
    Task<IReadOnlyList<OpenRisk>> OpenAsync(ComplianceGrouping by, string? department, DateTimeOffset now, CancellationToken cancellationToken);
}
