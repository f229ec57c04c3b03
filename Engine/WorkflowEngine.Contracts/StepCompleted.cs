namespace WorkflowEngine.Contracts;

/// <summary>Department → engine (queue <c>engine.reports</c>): the step's decision and its deadline compliance.</summary>
public sealed record StepCompleted
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary><see cref="StepOutcomes.Approved"/> or <see cref="StepOutcomes.Rejected"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Required when rejected: shown to the applicant.</summary>
    public string? Reason { get; init; }

    /// <summary>What the department issued: licence number, seal registration number, …</summary>
    public IReadOnlyDictionary<string, string>? Outputs { get; init; }

    public string? CompletedBy { get; init; }

    /// <summary>The material versions the decision was taken on (those of the <c>ExecuteStep</c>); recorded in the application's audit trail.</summary>
    public IReadOnlyList<MaterialVersion>? Materials { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>
    /// When the department's system wrote this report to be sent (into its outbox), by its own clock; a report sent again
    /// keeps it. The engine tells a decision dated long before this (back-filled) from one that the bus or the engine
    /// held back. Added to version 1 (additive): absent from older hosts, whose reports are measured by their arrival.
    /// </summary>
    public DateTimeOffset? SentAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Whether the department finished by the due time.</summary>
    public required bool OnTime { get; init; }

    /// <summary>The host's instants and working time for the step; absent from older hosts ("not reported").</summary>
    public StepComplianceReport? Compliance { get; init; }

    /// <summary>
    /// Present when the clerk approved the step on the commitment the applicant signed on paper at the window (按承诺审批):
    /// the outcome is then <see cref="StepOutcomes.Approved"/>, and the engine approves on commitment and schedules the
    /// verification (事后核查), or answers <see cref="StepCommitmentRefused"/>. Added to version 1.
    /// </summary>
    public CommitmentSignature? Commitment { get; init; }
}
