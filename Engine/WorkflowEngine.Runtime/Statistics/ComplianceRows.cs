namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// A department step finished (decided) in the period, with its service and its compliance. <see cref="Outcome"/> is
/// approved, rejected, or revoked: approved on commitment (告知承诺) and revoked when its verification failed.
/// </summary>
public sealed record CompletedStep(
    string Department,
    string ServiceId,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset CompletedAt,
    bool? OnTime,
    string? Outcome);

/// <summary>A bundle finished (completed or rejected) in the period, against its promised and statutory due times.</summary>
public sealed record FinishedApplication(
    string ServiceId,
    string Status,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset FinishedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StatutoryDueAt,
    bool? OnTime);

/// <summary>A department step still with its department now, and when it is due.</summary>
public sealed record OpenStep(Guid ApplicationId, string StepId, string Department, string ServiceId, DateTimeOffset? DueAt);

/// <summary>What the compliance figures are computed from; the engine's own records, on its own calendar.</summary>
public interface IComplianceQueries
{
    /// <summary>Department steps decided in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Applications that finished in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<FinishedApplication>> FinishedApplicationsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Department steps that wait on their department now: every department's, or one's.</summary>
    Task<IReadOnlyList<OpenStep>> OpenStepsAsync(string? department, CancellationToken cancellationToken);
}
