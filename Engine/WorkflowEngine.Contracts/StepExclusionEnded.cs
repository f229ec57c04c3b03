namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): the excluded period of a step (<see cref="StepExclusionStarted"/>)
/// is over and its clock runs again. Added in contract version 1 (additive).
/// </summary>
public sealed record StepExclusionEnded
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string EndedBy { get; init; }

    public required DateTimeOffset EndedAt { get; init; }
}
