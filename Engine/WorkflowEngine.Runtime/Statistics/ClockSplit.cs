namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// Where a finished clock's office time went: running (the government handling it), paused for the applicant
/// (supplementary material, a deferred material overdue), or in a period the law does not count (testing, inspection,
/// expert review, hearing).
/// </summary>
public sealed record ClockSplit(int GovernmentMinutes, int ApplicantMinutes, int ExcludedMinutes);
