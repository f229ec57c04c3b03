namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): a clerk recorded a period the law does not count towards the
/// step's limit (行政许可法 Art. 45): <see cref="Kind"/> is <c>testing</c>, <c>inspection</c>, <c>quarantine</c>,
/// <c>expert-review</c> or <c>hearing</c>. The step's clock stands still from <see cref="StartedAt"/> until a
/// <see cref="StepExclusionEnded"/>, or until <see cref="Until"/> when the clerk gave it. Added in contract version 1
/// (additive).
/// </summary>
public sealed record StepExclusionStarted
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string Kind { get; init; }

    /// <summary>Why, in words the applicant reads.</summary>
    public required string Reason { get; init; }

    /// <summary>When the period ends, if known: the clock runs again by itself then.</summary>
    public DateTimeOffset? Until { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
