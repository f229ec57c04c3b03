namespace WorkflowEngine.Contracts;

/// <summary>
/// The department host's own view of a step's deadline compliance, sent with <see cref="StepCompleted"/>: the instants it
/// recorded and the working time it counted. The engine recomputes the same figures on its own calendar and lists every
/// disagreement for administrators. Added to version 1 (additive): absent means "not reported".
/// </summary>
public sealed record StepComplianceReport
{
    /// <summary>When the host received the step (its task came to exist).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the step was first worked on (claimed by a clerk, or taken by an automated handler); absent if never.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it was decided: the same instant as <see cref="StepCompleted.CompletedAt"/>.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The due time the host held when it decided (the newest <c>StepDueChanged</c> it knew).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Office minutes the step's clock ran, by the host's calendar; absent when the host keeps no calendar.</summary>
    public int? WorkingMinutesUsed { get; init; }

    /// <summary>Office minutes the step's clock stood paused, by the host's calendar; absent when the host keeps no calendar.</summary>
    public int? WorkingMinutesPaused { get; init; }

    /// <summary>Whether the host counts the step finished by its due time (as <see cref="StepCompleted.OnTime"/>).</summary>
    public required bool OnTime { get; init; }
}
