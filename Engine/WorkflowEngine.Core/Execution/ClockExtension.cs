using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A request to extend the bundle's clock or a stage's (行政许可法 Art. 42), kept with the application from the request
/// to its decision: who asked, for how much and why, and who approved or refused it and why.
/// </summary>
public sealed record ClockExtension
{
    public Guid Id { get; init; }

    /// <summary>The stage whose clock it extends; null for the bundle's.</summary>
    public string? StageId { get; init; }

    public WorkingTimeLimit Added { get; init; } = new();

    public string Reason { get; init; } = "";

    public string RequestedBy { get; init; } = "";

    public string RequestedDepartment { get; init; } = "";

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The department whose supervisors decide, from the definition at the time of the request.</summary>
    public string Approver { get; init; } = "";

    /// <summary><see cref="ClockExtensionStatuses"/>.</summary>
    public string Status { get; init; } = ClockExtensionStatuses.Pending;

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The approver's comment, or the reason of a refusal.</summary>
    public string? Decision { get; init; }
}
