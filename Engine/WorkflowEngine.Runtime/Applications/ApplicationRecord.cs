using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>One application as stored: who, which service version, the form, and the interpreter's state.</summary>
public sealed class ApplicationRecord
{
    public required Guid Id { get; init; }

    public required string TrackingNumber { get; init; }

    public required string ServiceId { get; init; }

    /// <summary>The definition version it runs on; an administrator may move it to a newer one when retrying an incident.</summary>
    public required int ServiceVersion { get; set; }

    public required string ApplicantId { get; init; }

    public string? ApplicantName { get; init; }

    public required string Status { get; set; }

    /// <summary>The combined form as submitted (JSON), with the answers supplement requests (补正) had corrected since.</summary>
    public required string FormJson { get; set; }

    /// <summary>The applicant's <c>Idempotency-Key</c> of the submission, if it had one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The SHA-256 of the request submitted under <see cref="IdempotencyKey"/>.</summary>
    public string? RequestSha256 { get; init; }

    /// <summary>
    /// The SHA-256 of the query code (查询码) on a walk-in's receipt (<see cref="WalkInIntake"/>); null for an application
    /// made online. Window staff replace it when the citizen lost the receipt (<see cref="Processing.EngineProcessor.ReissueQueryCodeAsync"/>).
    /// </summary>
    public string? QueryCodeSha256 { get; set; }

    /// <summary>
    /// The language e-mails and SMS to the applicant are written in (<see cref="ApplicantLanguages"/>): chosen when it was
    /// submitted, changed since on its progress page.
    /// </summary>
    public string Language { get; set; } = ApplicantLanguages.Chinese;

    /// <summary>Whether it was taken in at a window for a citizen without an account: its owner is no account (<see cref="WalkInIntake.OwnerPrefix"/>).</summary>
    public bool IsWalkIn => ApplicantId.StartsWith(WalkInIntake.OwnerPrefix, StringComparison.Ordinal);

    public InstanceState State { get; set; } = new();

    /// <summary>Optimistic concurrency: the version read; a save succeeds only if nobody saved in between.</summary>
    public int Version { get; set; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The promised (承诺) due time of the whole bundle.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The statutory (法定) due time of the whole bundle.</summary>
    public DateTimeOffset? StatutoryDueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool? OnTime { get; set; }

    public string? Reason { get; set; }

    /// <summary><see cref="Reason"/> in English; null where it has none (written before the engine kept one).</summary>
    public string? ReasonEn { get; set; }

    /// <summary>How many lines its audit trail has: the chain's length, which a deleted last line would shorten.</summary>
    public long AuditSequence { get; set; }

    /// <summary>The hash of its last audit line: the head of the chain.</summary>
    public string? AuditHead { get; set; }

    /// <summary>
    /// What the interpreter reads of it: its id, tracking number, and the form as conditions see it (parsed only if asked;
    /// a form that cannot be read holds the application for an administrator rather than judge a condition on a guess).
    /// </summary>
    public ApplicationData DataFor(WorkflowDefinition definition) =>
        new(Id, TrackingNumber, () => FormValues.ForConditions(definition, StoredForm.Read(FormJson) ?? throw StoredForm.Unreadable(this)));
}
