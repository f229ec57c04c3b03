namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): a supervisor of the department approved a clerk's request to
/// extend the step's limit (行政许可法 Art. 42: 20 working days, extendable by 10 with approval). Exactly one of
/// <see cref="WorkingDays"/> and <see cref="WorkingHours"/> is given: the working time added. The engine adds it to
/// the step's clock, so the due time moves. Added in contract version 1 (additive).
/// </summary>
public sealed record StepExtended
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The department's id of the request, so a re-sent approval is recognised.</summary>
    public required Guid ExtensionId { get; init; }

    public decimal? WorkingDays { get; init; }

    public decimal? WorkingHours { get; init; }

    /// <summary>Why the step needs more time, in words the applicant reads.</summary>
    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }
}
