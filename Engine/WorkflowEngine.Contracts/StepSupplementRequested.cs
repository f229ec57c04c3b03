namespace WorkflowEngine.Contracts;

/// <summary>
/// Department → engine (queue <c>engine.reports</c>): a clerk asked the applicant for supplementary material (补正),
/// every item in one request (行政许可法 Art. 32), within <see cref="ExecuteStep.SupplementBy"/> and once per step;
/// a further one (up to <see cref="ExecuteStep.MaxSupplementRequests"/>) only with a supervisor's <see cref="Approval"/>.
/// The step's clock stands still until the applicant has supplied every item; the engine then sends
/// <see cref="StepSupplemented"/>. Added in contract version 1 (additive).
/// </summary>
public sealed record StepSupplementRequested
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The department's id of the request.</summary>
    public required Guid RequestId { get; init; }

    public required IReadOnlyList<SupplementItem> Items { get; init; }

    /// <summary>Anything else the applicant should know, optional.</summary>
    public string? Note { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>
    /// The supervisor's approval, required for every request after the step's first: the engine ignores (and audits)
    /// one without it. Added to version 1 (additive).
    /// </summary>
    public SupplementApproval? Approval { get; init; }
}
