using WorkflowEngine.Core.Compliance;

namespace WorkflowEngine.Runtime.Compliance;

/// <summary>
/// Both views of one decided department step's compliance, kept beside the step: the host's as it reported it
/// (<see cref="Host"/> null when it sent no block; <see cref="ReportedOnTime"/> is then the flag every report carries)
/// and the engine's recomputation, with each kind of disagreement (<see cref="ComplianceKinds"/>). <see cref="ReportedAt"/>
/// is when the report reached the engine, <see cref="SentAt"/> when the host says it sent it (null from older hosts).
/// </summary>
public sealed record StepComplianceRecord(
    Guid ApplicationId,
    string StepId,
    int Attempt,
    string Department,
    string ServiceId,
    DateTimeOffset DispatchedAt,
    DateTimeOffset ReportedAt,
    ComplianceView Engine,
    ComplianceView? Host,
    bool? ReportedOnTime,
    IReadOnlyList<string> Kinds)
{
    /// <summary>Whether the host sent its compliance block (a host older than the block did not).</summary>
    public bool HostReported => Host is not null;

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Whether the administrators' list of disagreements shows it: a disagreement, or a host that sent no view of its own.</summary>
    public bool Listed => Kinds.Count > 0 || Host is null;
}
