namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// One group's sums of the compliance rollup (<see cref="RollupEntry"/>): the finishes, how many of those that had each
/// limit met it, the office minutes of the <see cref="Timed"/> ones by whom they waited on, and their handling-time
/// histogram (<see cref="HandlingBuckets"/>), with <see cref="UnsplitOver480"/> the finishes counted past 480 hours
/// before the buckets went further, whose time is not known closer.
/// </summary>
public sealed record RollupSum(
    ComplianceKey Key,
    long Finished,
    long Approved,
    long Rejected,
    long Revoked,
    long PromisedCounted,
    long PromisedOnTime,
    long StatutoryCounted,
    long StatutoryOnTime,
    long Timed,
    long GovernmentMinutes,
    long ApplicantMinutes,
    long ExcludedMinutes,
    IReadOnlyList<long> Buckets,
    long UnsplitOver480 = 0);
