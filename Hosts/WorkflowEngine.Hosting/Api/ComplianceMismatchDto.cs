using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A decided step as the department host reported it (<see cref="Host"/> null when it sent no compliance block; then
/// <see cref="ReportedOnTime"/> is its on-time flag) and as the engine recomputed it, with the kinds of disagreement
/// (none when they agree). <see cref="SentAt"/> is when the host says it sent the report (null from older hosts),
/// <see cref="ReportedAt"/> when it reached the engine.
/// </summary>
public sealed record ComplianceMismatchDto(
    Guid ApplicationId,
    string TrackingNumber,
    string StepId,
    int Attempt,
    string Department,
    string? DepartmentName,
    string ServiceId,
    DateTimeOffset DispatchedAt,
    DateTimeOffset ReportedAt,
    DateTimeOffset? SentAt,
    IReadOnlyList<string> Kinds,
    bool HostReported,
    bool? ReportedOnTime,
    ComplianceView? Host,
    ComplianceView Engine)
{
    public static ComplianceMismatchDto From(ListedCompliance listed, ReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(reference);
        var r = listed.Record;
        return new(
            r.ApplicationId, listed.TrackingNumber, r.StepId, r.Attempt, r.Department,
            reference.Departments.TryGetValue(r.Department, out var department) ? department.Name.Zh : null,
            r.ServiceId, ChinaTime.ToLocal(r.DispatchedAt), ChinaTime.ToLocal(r.ReportedAt), ChinaTime.ToLocal(r.SentAt), r.Kinds, r.HostReported, r.ReportedOnTime,
            r.Host is null ? null : Local(r.Host), Local(r.Engine));
    }

    /// <summary>The view with its instants in Asia/Shanghai, as every time the API shows.</summary>
    private static ComplianceView Local(ComplianceView view) => view with
    {
        ReceivedAt = ChinaTime.ToLocal(view.ReceivedAt),
        StartedAt = ChinaTime.ToLocal(view.StartedAt),
        CompletedAt = ChinaTime.ToLocal(view.CompletedAt),
        DueAt = ChinaTime.ToLocal(view.DueAt),
    };
}
