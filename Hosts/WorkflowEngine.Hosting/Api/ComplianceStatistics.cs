using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Builds the compliance statistics from the rollup and the open steps: three indexed reads, run side by side, and a few
/// sums, whatever the number of applications finished. What the API answers and the administrators' statistics page shows.
/// </summary>
public sealed class ComplianceStatistics(IComplianceRollupQueries queries, DefinitionRegistry definitions, ReferenceData reference, TimeProvider time)
{
    /// <summary>
    /// The figures for <paramref name="query"/>; one department's steps only when <paramref name="department"/> is given
    /// (a supervisor's view: the bundles span departments and are left out).
    /// </summary>
    public async Task<ComplianceStatsDto> BuildAsync(ComplianceStatsQuery query, string? department, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, to) = query.Months;
        // The three reads side by side, each on its own connection: SQLite answers on the caller's thread, so each is
        // started on the thread pool, and an answer by service (each read a few hundred groups) takes the longest of
        // them rather than their sum.
        var stepsRead = Task.Run(() => queries.SumAsync(ComplianceRollup.StepKind, from, to, query.GroupBy, department, cancellationToken), cancellationToken);
        // Bundles have no department: grouping by it is ignored for them.
        var bundlesRead = department is null
            ? Task.Run(() => queries.SumAsync(ComplianceRollup.BundleKind, from, to, query.GroupBy & ~ComplianceGrouping.Department, null, cancellationToken), cancellationToken)
            : Task.FromResult<IReadOnlyList<RollupSum>>([]);
        var openRead = Task.Run(() => queries.OpenAsync(query.GroupBy, department, time.GetUtcNow(), cancellationToken), cancellationToken);
        await Task.WhenAll(stepsRead, bundlesRead, openRead);
        var (steps, bundles, open) = (await stepsRead, await bundlesRead, await openRead);
        var services = await ReportedService.LoadAsync(
            steps.Concat(bundles).Select(s => s.Key).Concat(open.Select(o => o.Key)).Select(k => k.ServiceId).OfType<string>(), definitions, reference, cancellationToken);
        return new ComplianceStatsDto(
            query.FromText, query.ToText, "Asia/Shanghai", query.GroupByNames,
            Ordered(steps).Select(s => Figures(s, services)).ToArray(),
            Ordered(bundles).Select(s => Figures(s, services)).ToArray(),
            open.Select(o => new OpenRiskDto(
                o.Key.Department, DepartmentName(o.Key.Department), o.Key.ServiceId, ServiceTitle(o.Key.ServiceId, services), o.Key.Month,
                o.Open, o.Overdue, o.AtRisk, o.StatutoryOverdue, o.StatutoryAtRisk)).ToArray());
    }

    private static IEnumerable<RollupSum> Ordered(IEnumerable<RollupSum> sums) =>
        sums.OrderBy(s => s.Key.Month, StringComparer.Ordinal).ThenBy(s => s.Key.Department, StringComparer.Ordinal).ThenBy(s => s.Key.ServiceId, StringComparer.Ordinal);

    private StatsFiguresDto Figures(RollupSum sum, Dictionary<string, ReportedService> services) => new(
        sum.Key.Department,
        DepartmentName(sum.Key.Department),
        sum.Key.ServiceId,
        ServiceTitle(sum.Key.ServiceId, services),
        sum.Key.Month,
        sum.Finished,
        sum.Approved,
        sum.Rejected,
        sum.Revoked,
        sum.PromisedCounted,
        sum.PromisedOnTime,
        Rate(sum.PromisedOnTime, sum.PromisedCounted),
        sum.StatutoryCounted,
        sum.StatutoryOnTime,
        Rate(sum.StatutoryOnTime, sum.StatutoryCounted),
        sum.Timed,
        HandlingBuckets.Percentile(sum.Buckets, 0.5, sum.UnsplitOver480),
        HandlingBuckets.Percentile(sum.Buckets, 0.9, sum.UnsplitOver480),
        HandlingBuckets.AtLeast(sum.Buckets, 0.5, sum.UnsplitOver480),
        HandlingBuckets.AtLeast(sum.Buckets, 0.9, sum.UnsplitOver480),
        Hours(sum.GovernmentMinutes),
        Hours(sum.ApplicantMinutes),
        Hours(sum.ExcludedMinutes),
        sum.Timed == 0 ? null : Hours(sum.GovernmentMinutes / (double)sum.Timed),
        sum.Timed == 0 ? null : Hours(sum.ApplicantMinutes / (double)sum.Timed));

    private static string? ServiceTitle(string? id, Dictionary<string, ReportedService> services) =>
        id is not null ? services.GetValueOrDefault(id)?.Title?.Zh : null;

    private string? DepartmentName(string? code) =>
        code is not null && reference.Departments.TryGetValue(code, out var department) ? department.Name.Zh : null;

    /// <summary>The share met of those that had the limit; null when none had it (not applicable).</summary>
    private static double? Rate(long met, long counted) => counted == 0 ? null : Math.Round(met / (double)counted, 4);

    private static double Hours(double minutes) => Math.Round(minutes / 60, 2);
}
