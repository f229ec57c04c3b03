using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The compliance rollup's write: the row of each entry's key is made if missing, then the entry is added to it. Two
/// plain statements rather than an additive upsert, which each dialect would write its own way.
/// </summary>
internal sealed class RollupSql(ISqlDialect dialect)
{
    private const string Key = "kind, month, department, service_id";

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
    }
}
