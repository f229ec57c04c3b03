namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// What one finish adds to the compliance rollup's row of (<see cref="Kind"/>, <see cref="Month"/>,
/// <see cref="Department"/>, <see cref="ServiceId"/>); every count is added, so a correction (an approval revoked at its
/// verification) is an entry with negative counts. <see cref="Bucket"/> is the handling-time bucket
/// (<see cref="HandlingBuckets"/>) that changes by <see cref="BucketCount"/> (one, or minus one when a finish is taken
/// back), or -1 for none.
/// </summary>
public sealed record RollupEntry(
    string Kind,
    int Month,
    string Department,
    string ServiceId,
    int Finished,
    int Approved,
    int Rejected,
    int Revoked,
    int PromisedCounted,
    int PromisedOnTime,
    int StatutoryCounted,
    int StatutoryOnTime,
    int Timed,
    long GovernmentMinutes,
    long ApplicantMinutes,
    long ExcludedMinutes,
    int Bucket,
    int BucketCount = 1);
