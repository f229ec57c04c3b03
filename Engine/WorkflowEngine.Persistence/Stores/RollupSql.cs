using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The compliance rollup's write: the row of each entry's key is made if missing, then the entry is added to it. Two
/// plain statements rather than an additive upsert, which each dialect would write its own way. The same commit adds the
/// entries, summed in memory, to the pre-summed rows of compliance_totals (per kind, month and department, and per kind,
/// month and service) that the statistics read instead of the rollup's many rows: the same two statements, once per
/// totals row the commit touches rather than once per entry.
/// </summary>
internal sealed class RollupSql(ISqlDialect dialect)
{
    private const string Key = "kind, month, department, service_id";

    private const string TotalKey = "kind, dimension, month, code";

    private static readonly (string Name, Func<RollupEntry, object?> Value)[] KeyParameters =
    [
        ("Kind", e => e.Kind), ("Month", e => (long)e.Month), ("Department", e => e.Department), ("ServiceId", e => e.ServiceId),
    ];

    public BatchCommand<RollupEntry> InsertKey { get; } = new(
        dialect.InsertIgnore("compliance_rollup", Key, "@Kind, @Month, @Department, @ServiceId", Key), KeyParameters);

    public static BatchCommand<RollupEntry> Add { get; } = new(
        "UPDATE compliance_rollup SET finished = finished + @Finished, approved = approved + @Approved, rejected = rejected + @Rejected, "
        + "revoked = revoked + @Revoked, promised_counted = promised_counted + @PromisedCounted, promised_on_time = promised_on_time + @PromisedOnTime, "
        + "statutory_counted = statutory_counted + @StatutoryCounted, statutory_on_time = statutory_on_time + @StatutoryOnTime, timed = timed + @Timed, "
        + "government_minutes = government_minutes + @GovernmentMinutes, applicant_minutes = applicant_minutes + @ApplicantMinutes, "
        + "excluded_minutes = excluded_minutes + @ExcludedMinutes, "
        + string.Join(", ", Enumerable.Range(0, HandlingBuckets.Count).Select(b =>
            $"{HandlingBuckets.Column(b)} = {HandlingBuckets.Column(b)} + CASE WHEN @Bucket = {b} THEN @BucketCount ELSE 0 END"))
        + " WHERE kind = @Kind AND month = @Month AND department = @Department AND service_id = @ServiceId",
        [
            .. KeyParameters,
            ("Finished", e => (long)e.Finished), ("Approved", e => (long)e.Approved), ("Rejected", e => (long)e.Rejected), ("Revoked", e => (long)e.Revoked),
            ("PromisedCounted", e => (long)e.PromisedCounted), ("PromisedOnTime", e => (long)e.PromisedOnTime),
            ("StatutoryCounted", e => (long)e.StatutoryCounted), ("StatutoryOnTime", e => (long)e.StatutoryOnTime), ("Timed", e => (long)e.Timed),
            ("GovernmentMinutes", e => e.GovernmentMinutes), ("ApplicantMinutes", e => e.ApplicantMinutes), ("ExcludedMinutes", e => e.ExcludedMinutes),
            ("Bucket", e => (long)e.Bucket), ("BucketCount", e => (long)e.BucketCount),
        ]);

    private static readonly (string Name, Func<RollupTotal, object?> Value)[] TotalKeyParameters =
    [
        ("Kind", t => t.Kind), ("Dimension", t => t.Dimension), ("Month", t => (long)t.Month), ("Code", t => t.Code),
    ];

    public BatchCommand<RollupTotal> InsertTotalKey { get; } = new(
        dialect.InsertIgnore("compliance_totals", TotalKey, "@Kind, @Dimension, @Month, @Code", TotalKey), TotalKeyParameters);

    public static BatchCommand<RollupTotal> AddTotal { get; } = new(
        "UPDATE compliance_totals SET "
        + string.Join(", ", RollupTotal.Columns.Select((c, i) => $"{c} = {c} + @S{i}"))
        + " WHERE kind = @Kind AND dimension = @Dimension AND month = @Month AND code = @Code",
        [.. TotalKeyParameters, .. RollupTotal.Columns.Select((_, i) => ($"S{i}", (Func<RollupTotal, object?>)(t => t.Sums[i])))]);

    /// <summary>
    /// Adds the entries to the plan in key order, so that two transactions adding to the same rows take their locks in
    /// the same order and never wait on each other in a circle.
    /// </summary>
    public void AddTo(WritePlan plan, IReadOnlyCollection<RollupEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var ordered = entries.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Month).ThenBy(e => e.Department, StringComparer.Ordinal)
            .ThenBy(e => e.ServiceId, StringComparer.Ordinal).ToArray();
        plan.Add(InsertKey, ordered);
        plan.Add(Add, ordered);
        var totals = RollupTotal.Of(entries);
        plan.Add(InsertTotalKey, totals);
        plan.Add(AddTotal, totals);
    }
}

/// <summary>
/// One pre-summed row's share of a commit (compliance_totals): the sums of its entries, in the order of
/// <see cref="Columns"/>, for the key of one dimension ('department' or 'service') and its code.
/// </summary>
internal sealed record RollupTotal(string Kind, string Dimension, int Month, string Code, long[] Sums)
{
    public const string DepartmentDimension = "department";

    public const string ServiceDimension = "service";

    /// <summary>The summed columns that an entry adds to: the counters, then every handling-time bucket.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "finished", "approved", "rejected", "revoked", "promised_counted", "promised_on_time", "statutory_counted", "statutory_on_time", "timed",
        "government_minutes", "applicant_minutes", "excluded_minutes", .. Enumerable.Range(0, HandlingBuckets.Count).Select(HandlingBuckets.Column),
    ];

    /// <summary>The entries summed per key of each dimension, in key order (the lock order of every commit).</summary>
    public static RollupTotal[] Of(IEnumerable<RollupEntry> entries)
    {
        var totals = new Dictionary<(string Kind, string Dimension, int Month, string Code), long[]>();
        foreach (var entry in entries)
        {
            Add((entry.Kind, DepartmentDimension, entry.Month, entry.Department), entry);
            Add((entry.Kind, ServiceDimension, entry.Month, entry.ServiceId), entry);
        }

        return totals.OrderBy(t => t.Key.Kind, StringComparer.Ordinal).ThenBy(t => t.Key.Dimension, StringComparer.Ordinal).ThenBy(t => t.Key.Month)
            .ThenBy(t => t.Key.Code, StringComparer.Ordinal).Select(t => new RollupTotal(t.Key.Kind, t.Key.Dimension, t.Key.Month, t.Key.Code, t.Value))
            .ToArray();

        void Add((string, string, int, string) key, RollupEntry entry)
        {
            if (!totals.TryGetValue(key, out var sums))
            {
                totals[key] = sums = new long[Columns.Count];
            }

            long[] counters =
            [
                entry.Finished, entry.Approved, entry.Rejected, entry.Revoked, entry.PromisedCounted, entry.PromisedOnTime, entry.StatutoryCounted,
                entry.StatutoryOnTime, entry.Timed, entry.GovernmentMinutes, entry.ApplicantMinutes, entry.ExcludedMinutes,
            ];
            for (var i = 0; i < counters.Length; i++)
            {
                sums[i] += counters[i];
            }

            if (entry.Bucket >= 0)
            {
                sums[counters.Length + entry.Bucket] += entry.BucketCount;
            }
        }
    }
}
