namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): the clerk set or moved the expected end of the step's excluded
/// period (<see cref="StepExclusionStarted"/>) that still lasts — an inspection that runs longer, or whose end became
/// known later. The clock runs again by itself at <see cref="Until"/>, no longer at the end given before. Added in
/// contract version 1 (additive).
/// </summary>
public sealed record StepExclusionEndChanged
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The new expected end, later than <see cref="ChangedAt"/> and than the period's start.</summary>
    public required DateTimeOffset Until { get; init; }

    public required string ChangedBy { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
